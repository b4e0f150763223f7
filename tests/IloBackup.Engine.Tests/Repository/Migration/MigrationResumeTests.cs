using System.Security.Cryptography;
using IloBackup.Engine.Repository;
using IloBackup.Engine.Repository.Migration;

namespace IloBackup.Engine.Tests.Repository.Migration;

/// <summary>
/// The finer points of <see cref="RepositoryMigration"/>, in process: stopped after a chosen row then resumed; an
/// object already in the target is kept only when it reads back as its hash; a damaged source object stops the
/// migration before its row, and nothing of it stays in the target.
/// </summary>
public sealed class MigrationResumeTests : IDisposable
{
    private readonly RepositoryFixture _source = new();
    private readonly RepositoryFixture _target = new();

    public void Dispose()
    {
        _source.Dispose();
        _target.Dispose();
    }

    private async Task<IReadOnlyList<BackupEntry>> SeedAsync(int count)
    {
        await using var repo = await _source.OpenAsync();
        var rows = new List<BackupEntry>();
        for (var i = 0; i < count; i++)
        {
            _source.Time.Advance(TimeSpan.FromHours(1));
            rows.Add(await repo.StoreAsync(_source.Entry($"MXQ{i}"), RepositoryFixture.Bytes($"backup {i}"), default));
        }

        return rows;
    }

    private Task<MigrationReport> MigrateAsync(Func<BackupEntry, CancellationToken, Task>? afterRow = null) =>
        RepositoryMigration.RunAsync(_source.Directory, _target.Directory, new MigrationOptions { AfterRowCopied = afterRow }, default);

    [Fact]
    public async Task Stopped_after_two_rows_a_rerun_copies_the_rest_once()
    {
        var rows = await SeedAsync(5);
        var copied = 0;
        await Assert.ThrowsAsync<OperationCanceledException>(() => MigrateAsync((_, _) =>
            ++copied == 2 ? throw new OperationCanceledException("stopped here") : Task.CompletedTask));

        var report = await MigrateAsync();

        Assert.Equal(2, report.RowsSkipped);
        Assert.Equal(3, report.RowsCopied);
        Assert.Equal(2, report.ObjectsSkipped);
        Assert.Equal(3, report.ObjectsCopied);
        await using var target = await _target.OpenAsync(readOnly: true);
        Assert.Equal(rows.Select(r => r.Id).Reverse(), (await target.HistoryAsync(null, default)).Select(e => e.Id));
        Assert.Equal(5, _target.ObjectFiles().Length);
        Assert.Equal(5, _target.RecordFiles().Length);
    }

    [Fact]
    public async Task An_object_already_in_the_target_is_kept_when_it_hashes_right_and_replaced_when_not()
    {
        var rows = await SeedAsync(2);
        await using (var created = await _target.OpenAsync())
        {
        }

        var store = new ObjectStore(_target.Directory);
        await store.PutAsync(rows[0].Sha256!, RepositoryFixture.Bytes("backup 0"), default); // as a run killed before the row leaves it
        Directory.CreateDirectory(Path.GetDirectoryName(store.PathOf(rows[1].Sha256!))!);
        await File.WriteAllTextAsync(store.PathOf(rows[1].Sha256!), "backup 1 damaged");

        var report = await MigrateAsync();

        Assert.Equal(1, report.ObjectsSkipped);
        Assert.Equal(1, report.ObjectsCopied);
        Assert.Equal(rows[1].Sha256, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(store.PathOf(rows[1].Sha256!)))));
    }

    [Fact]
    public async Task A_damaged_source_object_stops_the_migration_before_its_row()
    {
        var rows = await SeedAsync(3);
        var damaged = new ObjectStore(_source.Directory).PathOf(rows[1].Sha256!);
        await File.WriteAllTextAsync(damaged, "backup X");

        var ex = await Assert.ThrowsAsync<RepositoryException>(() => MigrateAsync());

        Assert.Contains($"the file of entry {rows[1].Id} reads back", ex.Message, StringComparison.Ordinal);
        await using var target = await _target.OpenAsync(readOnly: true);
        Assert.Equal([rows[0].Id], (await target.HistoryAsync(null, default)).Select(e => e.Id));
        Assert.False(File.Exists(new ObjectStore(_target.Directory).PathOf(rows[1].Sha256!)));
    }
}
