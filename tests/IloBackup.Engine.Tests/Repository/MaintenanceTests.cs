using IloBackup.Engine.Identity;
using IloBackup.Engine.Repository;

namespace IloBackup.Engine.Tests.Repository;

public sealed class MaintenanceTests : IDisposable
{
    private readonly RepositoryFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task Verify_detects_a_corrupted_and_a_missing_object()
    {
        await using var repo = await _fx.OpenAsync();
        var good = await repo.StoreAsync(_fx.Entry("MXQ1"), RepositoryFixture.Bytes("good"), default);
        var damaged = await repo.StoreAsync(_fx.Entry("MXQ2"), RepositoryFixture.Bytes("will be damaged"), default);
        var gone = await repo.StoreAsync(_fx.Entry("MXQ3"), RepositoryFixture.Bytes("will vanish"), default);
        Assert.True((await repo.VerifyAsync(default)).IsHealthy);

        await File.WriteAllTextAsync(repo.Objects.PathOf(damaged.Sha256!), "will be dam4ged");
        File.Delete(repo.Objects.PathOf(gone.Sha256!));
        var report = await repo.VerifyAsync(default);

        Assert.False(report.IsHealthy);
        Assert.Equal(2, report.ObjectsChecked);
        var corrupt = Assert.Single(report.Corrupt);
        Assert.Equal(damaged.Sha256, corrupt.Sha256);
        Assert.Equal([damaged.Id], corrupt.EntryIds);
        Assert.NotEqual(damaged.Sha256, corrupt.ActualSha256);
        Assert.Equal([gone.Id], Assert.Single(report.Missing).EntryIds);
        _ = good;
    }

    [Fact]
    public async Task Storing_the_same_file_again_repairs_a_corrupted_object()
    {
        await using var repo = await _fx.OpenAsync();
        var entry = await repo.StoreAsync(_fx.Entry("MXQ1"), RepositoryFixture.Bytes("original"), default);
        await File.WriteAllTextAsync(repo.Objects.PathOf(entry.Sha256!), "0riginal");
        await repo.StoreAsync(_fx.Entry("MXQ1"), RepositoryFixture.Bytes("original"), default);
        Assert.True((await repo.VerifyAsync(default)).IsHealthy);
    }

    [Fact]
    public async Task Verify_reports_orphans_and_temporary_files_and_removes_nothing()
    {
        await using var repo = await _fx.OpenAsync();
        await repo.Objects.PutOrphanAsync(RepositoryFixture.Bytes("orphan"), default);
        await File.WriteAllTextAsync(Path.Combine(_fx.Directory, "tmp", "x.tmp"), "partial");
        var report = await repo.VerifyAsync(default);
        Assert.Equal(1, report.OrphanObjects);
        Assert.Equal(1, report.TemporaryFiles);
        Assert.Single(_fx.ObjectFiles());
        Assert.Single(_fx.TempFiles());
    }

    [Fact]
    public async Task Prune_keep_last_keeps_the_newest_n_per_server_and_removes_unreferenced_objects()
    {
        await using var repo = await _fx.OpenAsync();
        var ids = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add((await repo.StoreAsync(_fx.Entry("MXQ1"), RepositoryFixture.Bytes($"file {i}"), default)).Id);
            _fx.Time.Advance(TimeSpan.FromDays(1));
        }

        var other = await repo.StoreAsync(_fx.Entry("MXQ2"), RepositoryFixture.Bytes("file 0"), default); // shares object 0

        var dry = await repo.PruneAsync(new PrunePolicy(2, null), dryRun: true, default);
        Assert.Equal([ids[1], ids[0]], dry.RemovedEntries.Select(e => e.Id));
        Assert.Equal(5, (await repo.HistoryAsync(null, default)).Count);
        Assert.Equal(4, _fx.ObjectFiles().Length);

        var report = await repo.PruneAsync(new PrunePolicy(2, null), dryRun: false, default);
        Assert.Equal(2, report.RemovedEntries.Count);
        Assert.Equal(3, report.KeptEntries);
        Assert.Equal([ids[3], ids[2]], (await repo.HistoryAsync("MXQ1", default)).Select(e => e.Id));
        Assert.Equal(other.Id, Assert.Single(await repo.HistoryAsync("MXQ2", default)).Id);
        Assert.Equal(3, _fx.ObjectFiles().Length); // "file 1" freed; "file 0" still used by MXQ2
        Assert.True((await repo.VerifyAsync(default)).IsHealthy);
    }

    [Fact]
    public async Task Prune_keep_within_never_removes_a_servers_last_good_backup()
    {
        await using var repo = await _fx.OpenAsync();
        var ancient = await repo.StoreAsync(_fx.Entry("OLD1"), RepositoryFixture.Bytes("old"), default);
        _fx.Time.Advance(TimeSpan.FromDays(1));
        var oldFailure = await repo.AddFailureAsync(Failure("OLD1"), default);
        var olderGood = await repo.StoreAsync(_fx.Entry("NEW1"), RepositoryFixture.Bytes("n1"), default);
        _fx.Time.Advance(TimeSpan.FromDays(60));
        var recent = await repo.StoreAsync(_fx.Entry("NEW1"), RepositoryFixture.Bytes("n2"), default);

        var report = await repo.PruneAsync(new PrunePolicy(null, TimeSpan.FromDays(30)), dryRun: false, default);

        // OLD1's failure is newer than its only good backup: it tells the current trouble and stays.
        Assert.Equal([olderGood.Id], report.RemovedEntries.Select(e => e.Id));
        Assert.Equal([oldFailure.Id, ancient.Id], (await repo.HistoryAsync("OLD1", default)).Select(e => e.Id));
        Assert.Equal([recent.Id], (await repo.HistoryAsync("NEW1", default)).Select(e => e.Id));
    }

    [Fact]
    public async Task Prune_drops_failures_older_than_the_newest_good_backup()
    {
        await using var repo = await _fx.OpenAsync();
        await repo.AddFailureAsync(Failure("MXQ1"), default);
        _fx.Time.Advance(TimeSpan.FromDays(1));
        var good = await repo.StoreAsync(_fx.Entry("MXQ1"), RepositoryFixture.Bytes("g"), default);
        await repo.PruneAsync(new PrunePolicy(5, null), dryRun: false, default);
        Assert.Equal(good.Id, Assert.Single(await repo.HistoryAsync(null, default)).Id);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(0, null)]
    [InlineData(null, -1)]
    public async Task Prune_needs_a_sensible_policy(int? keepLast, int? keepDays)
    {
        await using var repo = await _fx.OpenAsync();
        var policy = new PrunePolicy(keepLast, keepDays is { } d ? TimeSpan.FromDays(d) : null);
        await Assert.ThrowsAsync<ArgumentException>(() => repo.PruneAsync(policy, dryRun: false, default));
    }

    private NewBackupEntry Failure(string serial) => new()
    {
        Host = $"https://{serial.ToLowerInvariant()}.lab/",
        Identity = IloIdentity.OfSerial(serial),
        Outcome = BackupOutcome.Failed,
        TakenAt = _fx.Time.GetUtcNow(),
        FailureReason = "login refused: wrong password",
    };
}
