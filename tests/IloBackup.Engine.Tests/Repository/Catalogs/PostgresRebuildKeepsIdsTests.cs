using IloBackup.Engine.Repository;
using IloBackup.Engine.Repository.Postgres;
using IloBackup.TestSupport.Postgres;

namespace IloBackup.Engine.Tests.Repository.Catalogs;

/// <summary>
/// A PostgreSQL catalog lost and rebuilt into a new database (<see cref="CatalogRebuildInPlace"/>): every backup comes
/// back under the id it had, and a pruned id, the highest one included, is not handed out again (prune's mark in the store).
/// </summary>
public sealed class PostgresRebuildKeepsIdsTests : INeedsPostgres, IDisposable
{
    private readonly RepositoryFixture _fx = new();

    private static PostgresServer Server => PostgresServer.Shared ?? throw new InvalidOperationException(PostgresServer.SkipReason);

    public void Dispose() => _fx.Dispose();

    private Task<BackupRepository> OpenAsync(PostgresCatalogAddress address) =>
        BackupRepository.OpenAsync(
            _fx.Directory,
            new BackupRepositoryOptions
            {
                TimeProvider = _fx.Time,
                CatalogFactory = (_, readOnly) => PostgresBackupCatalog.Open(address, readOnly),
                WriterLockFactory = PostgresWriterLock.Factory(address, "test"),
            },
            default);

    [CatalogFact]
    public async Task Ids_survive_the_rebuild_and_a_pruned_one_is_not_given_again()
    {
        var address = PostgresCatalogAddress.Parse(await Server.CreateDatabaseAsync());
        BackupEntry newest, other;
        await using (var repo = await OpenAsync(address))
        {
            newest = await repo.StoreAsync(_fx.Entry("MXQ1", """{"a":2}"""), RepositoryFixture.Bytes("MXQ1 newest"), default);
            other = await repo.StoreAsync(_fx.Entry("MXQ2"), RepositoryFixture.Bytes("MXQ2"), default);
            var older = await repo.StoreAsync( // an older backup of MXQ1, recorded last: the highest id, pruned below
                _fx.Entry("MXQ1", """{"a":1}""") with { TakenAt = _fx.Time.GetUtcNow().AddDays(-1) }, RepositoryFixture.Bytes("MXQ1 older"), default);
            var report = await repo.PruneAsync(new PrunePolicy(1, TimeSpan.Zero), dryRun: false, default);
            Assert.Equal([older.Id], report.RemovedEntries.Select(e => e.Id));
            Assert.True(older.Id > other.Id);
        }

        var fresh = PostgresCatalogAddress.Parse(await Server.CreateDatabaseAsync()); // the database was lost
        await using var rebuilt = await OpenAsync(fresh);
        var rebuild = await CatalogRebuildInPlace.RunAsync(rebuilt, force: false, default);

        Assert.Equal(2, rebuild.FromRecords);
        Assert.Equal(newest.Sha256, (await rebuilt.GetAsync(newest.Id, default))!.Sha256);
        Assert.Equal(other.Sha256, (await rebuilt.GetAsync(other.Id, default))!.Sha256);
        var next = await rebuilt.StoreAsync(_fx.Entry("MXQ3"), RepositoryFixture.Bytes("MXQ3"), default);
        Assert.Equal(other.Id + 2, next.Id);
    }
}
