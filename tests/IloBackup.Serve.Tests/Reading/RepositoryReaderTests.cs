using System.Globalization;
using IloBackup.Engine.Identity;
using IloBackup.Engine.Repository;
using IloBackup.Serve.Reading;
using IloBackup.TestSupport.Postgres;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace IloBackup.Serve.Tests.Reading;

/// <summary>
/// Serve's one read-only repository (<see cref="RepositoryReader"/>): kept open across reads, it still sees every write of a
/// run on SQLite, does not hold back the writer's checkpoints, follows a catalog file replaced under it, and on PostgreSQL
/// goes on reading after the server terminated its connections.
/// </summary>
public sealed class RepositoryReaderTests : IDisposable, INeedsPostgres
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("repository-reader-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task AddFailuresAsync(string repository, int count, string serial = "MXQ1")
    {
        var writer = await BackupRepository.OpenAsync(repository, new BackupRepositoryOptions { LockWait = TimeSpan.FromSeconds(30) }, default);
        await using (writer)
        {
            for (var i = 0; i < count; i++)
            {
                await writer.AddFailureAsync(new NewBackupEntry
                {
                    Host = "https://a.lab/", Outcome = BackupOutcome.Failed, TakenAt = T0.AddMinutes(i), Identity = IloIdentity.OfSerial(serial),
                    FailureReason = "timed out " + i.ToString(CultureInfo.InvariantCulture),
                }, default);
            }
        }
    }

    private static Task<int> CountAsync(RepositoryReader reader) =>
        reader.ReadAsync(async r => (await r.Catalog.ListAsync(new BackupQuery(), default)).Count, default);

    [Fact]
    public async Task A_reader_kept_open_sees_each_new_write_and_leaves_the_checkpoint_to_the_writer()
    {
        var repository = Path.Combine(_folder, "repo");
        await AddFailuresAsync(repository, 1);
        await using var reader = new RepositoryReader(repository, TimeProvider.System);

        Assert.Equal(1, await CountAsync(reader));
        await AddFailuresAsync(repository, 3);
        Assert.Equal(4, await CountAsync(reader));
        var summary = await reader.ReadAsync(r => r.Catalog.FleetSummaryAsync(default), default);
        await AddFailuresAsync(repository, 2);
        Assert.Equal(6, await CountAsync(reader));
        Assert.Equal(4, summary.Parts.Single().Attempts);
        Assert.Equal(1, reader.Opens);

        // The idle reader holds no snapshot: a full checkpoint goes through and empties the log.
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(repository, BackupRepository.CatalogFileName)};Pooling=False");
        await connection.OpenAsync();
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await using var result = await checkpoint.ExecuteReaderAsync();
        Assert.True(await result.ReadAsync());
        Assert.Equal(0L, result.GetInt64(0)); // not busy
        Assert.Equal(0L, result.GetInt64(1)); // the log is empty
        Assert.Equal(6, await CountAsync(reader));
    }

    [Fact]
    public async Task A_catalog_file_replaced_under_the_reader_is_read_anew()
    {
        var repository = Path.Combine(_folder, "repo");
        var other = Path.Combine(_folder, "other");
        await AddFailuresAsync(repository, 2);
        await AddFailuresAsync(other, 5, serial: "MXQ9");
        await using var reader = new RepositoryReader(repository, TimeProvider.System);
        Assert.Equal(2, await CountAsync(reader));

        // As repo restore-catalog does: another database renamed into its place.
        foreach (var side in new[] { "-wal", "-shm" }.Select(s => Path.Combine(repository, BackupRepository.CatalogFileName + s)).Where(File.Exists))
        {
            File.Delete(side);
        }

        File.Move(Path.Combine(other, BackupRepository.CatalogFileName), Path.Combine(repository, BackupRepository.CatalogFileName), overwrite: true);

        Assert.Equal(5, await CountAsync(reader));
        Assert.Equal(2, reader.Opens);
    }

    [CatalogFact]
    public async Task Reads_go_on_after_PostgreSQL_terminated_the_readers_connections()
    {
        var server = PostgresServer.Shared ?? throw new InvalidOperationException(PostgresServer.SkipReason);
        var database = await server.CreateDatabaseAsync();
        var repository = Path.Combine(_folder, "site.yaml");
        await File.WriteAllTextAsync(repository, $"""
            ilobackup-repository: 1
            catalog: {database}
            objects: file:objects
            work-directory: work
            """);
        await AddFailuresAsync(repository, 2);
        await using var reader = new RepositoryReader(repository, TimeProvider.System);
        Assert.Equal(2, await CountAsync(reader));

        var name = new Uri(database).AbsolutePath.Trim('/');
        await using (var admin = new NpgsqlConnection(server.AdminConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await using var terminate = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @name AND pid <> pg_backend_pid();", admin);
            terminate.Parameters.AddWithValue("name", name);
            Assert.True((long)(await terminate.ExecuteScalarAsync())! >= 1); // the reader's pooled connection
        }

        Assert.Equal(2, await CountAsync(reader));
        await AddFailuresAsync(repository, 1);
        Assert.Equal(3, await CountAsync(reader));
        Assert.Equal(2, reader.Opens); // reopened once, after the failed read
    }
}
