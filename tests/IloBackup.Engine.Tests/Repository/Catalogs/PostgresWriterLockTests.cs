using IloBackup.Engine.Repository;
using IloBackup.Engine.Repository.Postgres;
using IloBackup.TestSupport.Postgres;
using Microsoft.Extensions.Time.Testing;

namespace IloBackup.Engine.Tests.Repository.Catalogs;

/// <summary>The advisory lock that replaces the lock file when the catalog is PostgreSQL.</summary>
public sealed class PostgresWriterLockTests : INeedsPostgres
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));

    private static PostgresServer Server => PostgresServer.Shared ?? throw new InvalidOperationException(PostgresServer.SkipReason);

    [CatalogFact]
    public async Task A_second_writer_is_refused_naming_the_holder_and_gets_the_lock_once_it_is_released()
    {
        var address = PostgresCatalogAddress.Parse(await Server.CreateDatabaseAsync());
        var first = await PostgresWriterLock.TakeAsync(address, "fleet backup", _time, null, null, default);

        var refused = await Assert.ThrowsAsync<RepositoryException>(() => PostgresWriterLock.TakeAsync(address, "prune", _time, null, null, default));

        Assert.Contains(
            $"another ilobackup (fleet backup on {Environment.MachineName}, pid {Environment.ProcessId}, since 2026-12-03 12:00:00Z) is writing",
            refused.Message,
            StringComparison.Ordinal);
        Assert.Contains("--wait", refused.Message, StringComparison.Ordinal);
        await first.DisposeAsync();
        await (await PostgresWriterLock.TakeAsync(address, "prune", _time, null, null, default)).DisposeAsync();
    }

    [CatalogFact]
    public async Task A_waiting_writer_says_whom_it_waits_for_and_goes_on_when_the_holder_finishes()
    {
        var address = PostgresCatalogAddress.Parse(await Server.CreateDatabaseAsync());
        var first = await PostgresWriterLock.TakeAsync(address, "fleet backup", _time, null, null, default);
        var told = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var budget = new CancellationTokenSource(Budget);

        var waiting = PostgresWriterLock.TakeAsync(address, "prune", TimeProvider.System, Timeout.InfiniteTimeSpan, text => told.TrySetResult(text), budget.Token);
        var text = await told.Task.WaitAsync(budget.Token);
        Assert.StartsWith("waiting for another ilobackup (fleet backup on", text, StringComparison.Ordinal);
        Assert.False(waiting.IsCompleted);
        await first.DisposeAsync();

        await (await waiting).DisposeAsync();
    }

    [CatalogFact]
    public async Task A_killed_holder_frees_the_lock_and_its_row_names_no_one()
    {
        var address = PostgresCatalogAddress.Parse(await Server.CreateDatabaseAsync());
        await (await PostgresWriterLock.TakeAsync(address, "fleet backup", _time, null, null, default)).DisposeAsync(); // leaves its row
        using var holder = Server.StartTool("psql", "-h", "127.0.0.1", "-p", Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-U", "postgres", "-d", address.Database, "-v", "ON_ERROR_STOP=1", "-q");
        await holder.StandardInput.WriteLineAsync(
            $"SELECT pg_advisory_lock({PostgresCatalogSchema.LockClass}, {PostgresCatalogSchema.WriterLock}); \\echo locked");
        await holder.StandardInput.FlushAsync();
        using var budget = new CancellationTokenSource(Budget);
        while (await holder.StandardOutput.ReadLineAsync(budget.Token) is { } line && !line.Contains("locked", StringComparison.Ordinal))
        {
        }

        var refused = await Assert.ThrowsAsync<RepositoryException>(() => PostgresWriterLock.TakeAsync(address, "prune", _time, null, null, default));
        Assert.StartsWith("another ilobackup is writing", refused.Message, StringComparison.Ordinal); // the old row is not the holder

        holder.Kill();
        await holder.WaitForExitAsync(budget.Token);
        await using var taken = await PostgresWriterLock.TakeAsync(address, "prune", TimeProvider.System, Timeout.InfiniteTimeSpan, null, budget.Token);
    }

    [CatalogFact]
    public async Task A_repository_with_the_postgres_catalog_takes_the_advisory_lock_instead_of_the_lock_file()
    {
        var address = PostgresCatalogAddress.Parse(await Server.CreateDatabaseAsync());
        var folder = Directory.CreateTempSubdirectory("pgrepo-").FullName;
        try
        {
            var options = new BackupRepositoryOptions
            {
                TimeProvider = _time,
                CatalogFactory = (_, readOnly) => PostgresBackupCatalog.Open(address, readOnly),
                WriterLockFactory = PostgresWriterLock.Factory(address, "fleet backup"),
            };
            await using (var writer = await BackupRepository.OpenAsync(folder, options, default))
            {
                var second = await Assert.ThrowsAsync<RepositoryException>(() => BackupRepository.OpenAsync(folder, options, default));
                Assert.Contains("(fleet backup on", second.Message, StringComparison.Ordinal);
                Assert.False(File.Exists(Path.Combine(folder, "lock")));
                await using var reader = await BackupRepository.OpenAsync(folder, new BackupRepositoryOptions
                {
                    ReadOnly = true, CatalogFactory = options.CatalogFactory,
                }, default);
            }

            await using var again = await BackupRepository.OpenAsync(folder, options, default);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
