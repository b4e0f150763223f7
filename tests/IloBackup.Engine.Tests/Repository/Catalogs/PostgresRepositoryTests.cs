using IloBackup.Engine.Repository;
using IloBackup.Engine.Repository.Postgres;
using IloBackup.TestSupport.Postgres;

namespace IloBackup.Engine.Tests.Repository.Catalogs;

/// <summary>The repository's guarantees with a PostgreSQL catalog: objects in the folder, rows in the database.</summary>
public sealed class PostgresRepositoryTests : INeedsPostgres, IDisposable
{
    private readonly RepositoryFixture _fx = new();

    private static PostgresServer Server => PostgresServer.Shared ?? throw new InvalidOperationException(PostgresServer.SkipReason);

    public void Dispose() => _fx.Dispose();

    private Task<BackupRepository> OpenAsync(PostgresCatalogAddress address, Func<StoredObject, CancellationToken, Task>? afterObjectStored = null) =>
        BackupRepository.OpenAsync(
            _fx.Directory,
            new BackupRepositoryOptions
            {
                TimeProvider = _fx.Time,
                CatalogFactory = (_, readOnly) => PostgresBackupCatalog.Open(address, readOnly),
                WriterLockFactory = PostgresWriterLock.Factory(address, "test"),
                AfterObjectStored = afterObjectStored,
            },
            default);

    [CatalogFact]
    public async Task The_object_is_stored_before_its_row()
    {
        var address = PostgresCatalogAddress.Parse(await Server.CreateDatabaseAsync());
        var rowsWhenStored = -1;
        await using var repo = await OpenAsync(address, async (stored, ct) =>
        {
            Assert.True(new ObjectStore(_fx.Directory).Exists(stored.Sha256));
            rowsWhenStored = await CountAndClose(await Task.Run(() => PostgresBackupCatalog.Open(address, readOnly: true), ct), ct);
        });

        var entry = await repo.StoreAsync(_fx.Entry("MXQ1"), RepositoryFixture.Bytes("backup"), default);

        Assert.Equal(0, rowsWhenStored);
        Assert.Equal(entry, await repo.GetAsync(entry.Id, default));
        Assert.Single(_fx.ObjectFiles());
    }

    [CatalogFact]
    public async Task Prune_keeps_the_newest_good_backup_even_when_a_newer_file_is_damaged()
    {
        var address = PostgresCatalogAddress.Parse(await Server.CreateDatabaseAsync());
        await using var repo = await OpenAsync(address);
        var oldest = await repo.StoreAsync(_fx.Entry("MXQ1"), RepositoryFixture.Bytes("oldest"), default);
        _fx.Time.Advance(TimeSpan.FromDays(1));
        var middle = await repo.StoreAsync(_fx.Entry("MXQ1"), RepositoryFixture.Bytes("middle"), default);
        _fx.Time.Advance(TimeSpan.FromDays(1));
        var newest = await repo.StoreAsync(_fx.Entry("MXQ1"), RepositoryFixture.Bytes("newest"), default);
        await File.WriteAllTextAsync(repo.Objects.PathOf(newest.Sha256!), "n3west");

        var report = await repo.PruneAsync(new PrunePolicy(1, TimeSpan.Zero), dryRun: false, default);

        Assert.Equal([oldest.Id], report.RemovedEntries.Select(e => e.Id));
        Assert.Equal([newest.Id, middle.Id], (await repo.HistoryAsync("mxq1", default)).Select(e => e.Id));
        Assert.True(File.Exists(repo.Objects.PathOf(middle.Sha256!)));
        Assert.False(File.Exists(repo.Objects.PathOf(oldest.Sha256!)));
        Assert.False(File.Exists(Path.Combine(_fx.Directory, CatalogCopy.FileName))); // PostgreSQL has its own backups
    }

    [CatalogFact]
    public async Task A_lost_catalog_is_rebuilt_from_the_object_records_into_a_new_database()
    {
        var address = PostgresCatalogAddress.Parse(await Server.CreateDatabaseAsync());
        var stored = new List<BackupEntry>();
        await using (var repo = await OpenAsync(address))
        {
            stored.Add(await repo.StoreAsync(_fx.Entry("MXQ1", """{"a":1}"""), RepositoryFixture.Bytes("one"), default));
            _fx.Time.Advance(TimeSpan.FromDays(1));
            stored.Add(await repo.StoreAsync(_fx.Entry("MXQ1", """{"a":1}"""), RepositoryFixture.Bytes("two"), default));
            stored.Add(await repo.StoreAsync(_fx.Entry("MXQ2"), RepositoryFixture.Bytes("three"), default));
        }

        await File.WriteAllTextAsync(Path.Combine(_fx.Directory, "objects", "stray"), string.Empty); // not an object: ignored
        var fresh = PostgresCatalogAddress.Parse(await Server.CreateDatabaseAsync()); // the database was lost
        await using var rebuilt = await OpenAsync(fresh);

        var report = await CatalogRebuildInPlace.RunAsync(rebuilt, force: false, default);
        var again = await Assert.ThrowsAsync<RepositoryException>(() => CatalogRebuildInPlace.RunAsync(rebuilt, force: false, default));
        var forced = await CatalogRebuildInPlace.RunAsync(rebuilt, force: true, default);

        Assert.Equal((3, 0, 0), (report.FromRecords, report.UnknownServer, report.UnreadableRecords));
        Assert.Contains("holds entries", again.Message, StringComparison.Ordinal);
        Assert.Equal((3, 0, 0), (forced.FromCopy, forced.FromRecords, forced.UnknownServer));
        var history = await rebuilt.HistoryAsync(null, default);
        // Newest first; rows of the same time come back in record order (the rebuild cannot know their first order).
        Assert.Equal(history.OrderByDescending(e => e.TakenAt).Select(e => e.Id), history.Select(e => e.Id));
        Assert.Equal(
            stored.Select(e => (e.Identity.SerialNumber, e.Sha256, e.RecordId, e.TakenAt)).Order(),
            history.Select(e => (e.Identity.SerialNumber, e.Sha256, e.RecordId, e.TakenAt)).Order());
        Assert.True(history.Single(e => e.Sha256 == stored[1].Sha256).SnapshotUnchanged);
        Assert.Equal(stored[1].Sha256, (await rebuilt.FindNewestGoodAsync("MXQ1", null, default))!.Sha256);
    }

    private static async Task<int> CountAndClose(PostgresBackupCatalog catalog, CancellationToken cancellationToken)
    {
        await using (catalog)
        {
            return (int)await catalog.CountAsync(cancellationToken);
        }
    }
}
