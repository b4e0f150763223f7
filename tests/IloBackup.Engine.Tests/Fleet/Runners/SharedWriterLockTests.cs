using IloBackup.Engine.Repository;
using IloBackup.Engine.Repository.Postgres;
using IloBackup.TestSupport.Postgres;
using Microsoft.Extensions.Time.Testing;

namespace IloBackup.Engine.Tests.Fleet.Runners;

/// <summary>Backups share the PostgreSQL writer's lock; prune, rebuild and migrate take it alone (issue 20).</summary>
public sealed class SharedWriterLockTests : INeedsPostgres
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));

    private static PostgresServer Server => PostgresServer.Shared ?? throw new InvalidOperationException(PostgresServer.SkipReason);

    [CatalogFact]
    public async Task Backup_writers_share_the_lock_and_an_exclusive_writer_waits_for_all_of_them()
    {
        var address = PostgresCatalogAddress.Parse(await Server.CreateDatabaseAsync());
        var a = await PostgresWriterLock.TakeAsync(address, "site-a", _time, null, null, default, shared: true);
        var b = await PostgresWriterLock.TakeAsync(address, "site-b", _time, null, null, default, shared: true);

        var refused = await Assert.ThrowsAsync<RepositoryException>(() => PostgresWriterLock.TakeAsync(address, "prune", _time, null, null, default));
        Assert.Contains("2 ilobackup runner(s) backing up", refused.Message, StringComparison.Ordinal);
        await a.DisposeAsync();
        await Assert.ThrowsAsync<RepositoryException>(() => PostgresWriterLock.TakeAsync(address, "prune", _time, null, null, default));
        await b.DisposeAsync();

        var prune = await PostgresWriterLock.TakeAsync(address, "prune", _time, null, null, default);
        var backup = await Assert.ThrowsAsync<RepositoryException>(
            () => PostgresWriterLock.TakeAsync(address, "site-a", _time, null, null, default, shared: true));
        Assert.Contains("(prune on", backup.Message, StringComparison.Ordinal);
        await prune.DisposeAsync();
        await (await PostgresWriterLock.TakeAsync(address, "site-a", _time, null, null, default, shared: true)).DisposeAsync();
    }
}
