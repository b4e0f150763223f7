using IloBackup.Engine.Repository;
using Microsoft.Data.Sqlite;

namespace IloBackup.Engine.Tests.Repository;

/// <summary>
/// The one good-backup predicate (outcome ok, file present and matching its hash, not suspect) and where it is
/// used: prune (issue 11, item 2), the restore's choice, and <c>prune --orphans</c> with its grace period.
/// </summary>
public sealed class GoodBackupTests : IDisposable
{
    private readonly RepositoryFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task The_predicate_tells_good_failed_suspect_missing_and_damaged_apart()
    {
        await using var repo = await _fx.OpenAsync();
        var good = await repo.StoreAsync(_fx.Entry("MXQ1"), RepositoryFixture.Bytes("good"), default);
        var missing = await repo.StoreAsync(_fx.Entry("MXQ2"), RepositoryFixture.Bytes("missing"), default);
        var damaged = await repo.StoreAsync(_fx.Entry("MXQ3"), RepositoryFixture.Bytes("damaged"), default);
        var failed = await repo.AddFailureAsync(_fx.Entry("MXQ4") with { Outcome = BackupOutcome.Failed, FailureReason = "x" }, default);
        File.Delete(repo.Objects.PathOf(missing.Sha256!));
        await File.WriteAllTextAsync(repo.Objects.PathOf(damaged.Sha256!), "dam4ged");

        var checker = new GoodBackup(repo.Objects);
        Assert.Equal(GoodBackupVerdict.Good, await checker.CheckAsync(good, default));
        Assert.Equal(GoodBackupVerdict.Missing, await checker.CheckAsync(missing, default));
        Assert.Equal(GoodBackupVerdict.Damaged, await checker.CheckAsync(damaged, default));
        Assert.Equal(GoodBackupVerdict.Failed, await checker.CheckAsync(failed, default));
        Assert.Equal(GoodBackupVerdict.Suspect, await checker.CheckAsync(good with { Suspect = true }, default));
        Assert.False(GoodBackup.IsCandidate(good with { Suspect = true }));
    }

    [Fact]
    public async Task Prune_reports_the_damaged_newest_and_replans_with_intact_files_only()
    {
        await using var repo = await _fx.OpenAsync();
        var oldest = await repo.StoreAsync(_fx.Entry("MXQ1"), RepositoryFixture.Bytes("oldest"), default);
        _fx.Time.Advance(TimeSpan.FromDays(1));
        var middle = await repo.StoreAsync(_fx.Entry("MXQ1"), RepositoryFixture.Bytes("middle"), default);
        _fx.Time.Advance(TimeSpan.FromDays(1));
        var newest = await repo.StoreAsync(_fx.Entry("MXQ1"), RepositoryFixture.Bytes("newest"), default);
        await File.WriteAllTextAsync(repo.Objects.PathOf(newest.Sha256!), "n3west");

        var report = await repo.PruneAsync(new PrunePolicy(1, TimeSpan.Zero), dryRun: false, default);

        var problem = Assert.Single(report.Problems);
        Assert.Equal(("MXQ1", false), (problem.Server, problem.NothingGoodLeft));
        Assert.Equal([(newest.Id, GoodBackupVerdict.Damaged)], problem.NotGood);
        Assert.Equal([oldest.Id], report.RemovedEntries.Select(e => e.Id));
        Assert.Equal([newest.Id, middle.Id], (await repo.HistoryAsync("MXQ1", default)).Select(e => e.Id));
        Assert.False(File.Exists(repo.Objects.PathOf(oldest.Sha256!)));
        Assert.DoesNotContain(_fx.RecordFiles(), f => f.Contains(oldest.Sha256!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Prune_deletes_nothing_of_a_server_when_no_good_backup_would_remain()
    {
        await using var repo = await _fx.OpenAsync();
        var older = await repo.StoreAsync(_fx.Entry("MXQ1"), RepositoryFixture.Bytes("older"), default);
        _fx.Time.Advance(TimeSpan.FromDays(1));
        var newest = await repo.StoreAsync(_fx.Entry("MXQ1"), RepositoryFixture.Bytes("newest"), default);
        File.Delete(repo.Objects.PathOf(newest.Sha256!));
        await File.WriteAllTextAsync(repo.Objects.PathOf(older.Sha256!), "0lder");

        var report = await repo.PruneAsync(new PrunePolicy(1, TimeSpan.Zero), dryRun: false, default);

        Assert.True(Assert.Single(report.Problems).NothingGoodLeft);
        Assert.Contains("nothing of it was removed", report.Problems[0].Describe(), StringComparison.Ordinal);
        Assert.Empty(report.RemovedEntries);
        Assert.Equal(2, (await repo.HistoryAsync(null, default)).Count);
    }

    [Fact]
    public async Task A_suspect_backup_never_counts_as_good_for_prune_or_restore()
    {
        BackupEntry oldest, older, newest;
        await using (var repo = await _fx.OpenAsync())
        {
            oldest = await repo.StoreAsync(_fx.Entry("MXQ1"), RepositoryFixture.Bytes("oldest"), default);
            _fx.Time.Advance(TimeSpan.FromDays(1));
            older = await repo.StoreAsync(_fx.Entry("MXQ1"), RepositoryFixture.Bytes("older"), default);
            _fx.Time.Advance(TimeSpan.FromDays(1));
            newest = await repo.StoreAsync(_fx.Entry("MXQ1"), RepositoryFixture.Bytes("newest"), default);
        }

        await using (var sql = new SqliteConnection($"Data Source={Path.Combine(_fx.Directory, BackupRepository.CatalogFileName)};Pooling=False"))
        {
            sql.Open();
            using var command = sql.CreateCommand();
            command.CommandText = $"UPDATE backups SET suspect = 1 WHERE id = {newest.Id};";
            command.ExecuteNonQuery();
        }

        await using var reopened = await _fx.OpenAsync();
        Assert.Equal(older.Id, (await RepositoryRestoreSource.SelectAsync(reopened, "MXQ1", null, null, default)).Id);
        var report = await reopened.PruneAsync(new PrunePolicy(1, TimeSpan.Zero), dryRun: true, default);
        Assert.Equal([oldest.Id], report.RemovedEntries.Select(e => e.Id)); // the suspect newest does not stand in for "keep the last 1"
    }

    [Fact]
    public async Task Restore_picks_the_newest_intact_backup_and_refuses_a_damaged_one_by_id()
    {
        await using var repo = await _fx.OpenAsync();
        var older = await repo.StoreAsync(_fx.Entry("MXQ1"), RepositoryFixture.Bytes("older"), default);
        _fx.Time.Advance(TimeSpan.FromDays(1));
        var newest = await repo.StoreAsync(_fx.Entry("MXQ1"), RepositoryFixture.Bytes("newest"), default);
        await File.WriteAllTextAsync(repo.Objects.PathOf(newest.Sha256!), "n3west");

        Assert.Equal(older.Id, (await RepositoryRestoreSource.SelectAsync(repo, "MXQ1", null, null, default)).Id);
        var ex = await Assert.ThrowsAsync<RepositoryException>(() => RepositoryRestoreSource.SelectAsync(repo, null, newest.Id, null, default));
        Assert.Contains("fails its hash check", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Orphans_go_only_with_prune_orphans_and_only_past_the_grace_period()
    {
        await using var repo = await _fx.OpenAsync();
        var kept = await repo.StoreAsync(_fx.Entry("MXQ1"), RepositoryFixture.Bytes("kept"), default);
        var old = await repo.Objects.PutOrphanAsync(RepositoryFixture.Bytes("old orphan"), default);
        var young = await repo.Objects.PutOrphanAsync(RepositoryFixture.Bytes("young orphan"), default);
        var now = _fx.Time.GetUtcNow().UtcDateTime;
        File.SetLastWriteTimeUtc(repo.Objects.PathOf(old.Sha256), now.AddDays(-8));
        File.SetLastWriteTimeUtc(repo.Objects.PathOf(young.Sha256), now.AddDays(-6));

        var retentionOnly = await repo.PruneAsync(new PrunePolicy(1, null), dryRun: false, default);
        Assert.Empty(retentionOnly.OrphansRemoved);
        Assert.Equal(3, _fx.ObjectFiles().Length);

        var report = await repo.PruneAsync(new PrunePolicy(null, null) { RemoveOrphans = true }, dryRun: false, default);

        Assert.Equal([old], report.OrphansRemoved);
        Assert.Equal(1, report.OrphansSpared);
        Assert.Equal(
            new[] { kept.Sha256, young.Sha256 }.Order(StringComparer.Ordinal),
            _fx.ObjectFiles().Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Throws<ArgumentException>(() => new PrunePolicy(null, null).Validate());
    }
}
