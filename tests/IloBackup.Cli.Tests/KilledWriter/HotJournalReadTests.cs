using System.Text;
using System.Text.Json.Nodes;
using IloBackup.Cli.Tests.Migrate;
using IloBackup.Cli.Tests.Repository;
using IloBackup.Cli.Tests.RepositorySafety;
using IloBackup.Engine.Repository;
using Microsoft.Data.Sqlite;

namespace IloBackup.Cli.Tests.KilledWriter;

/// <summary>
/// A catalog left with a hot rollback journal (a writer killed inside a transaction on a catalog in journal_mode=DELETE,
/// after SQLite spilled some of the transaction's pages into the database file): SQLite refuses to open it read-only
/// ("attempt to write a readonly database", SQLITE_READONLY_ROLLBACK), so <c>history</c> and <c>show</c> read a private copy
/// with the journal, rolled back there. <c>verify</c> and <c>repo migrate</c>, which copy the catalog, copy the journal too:
/// nobody reads the killed transaction half done, and the repository's files are not changed.
/// </summary>
public sealed class HotJournalReadTests : IDisposable
{
    private const string Uncommitted = "https://uncommitted.lab/";
    private readonly string _root = Directory.CreateTempSubdirectory("cli-hot-journal-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>A repository whose catalog has a hot journal: what a writer killed mid-transaction leaves (copied while the transaction is open).</summary>
    private async Task<string> RepositoryWithHotJournalAsync(int backups)
    {
        var original = Path.Combine(_root, "original");
        await using (var repository = await BackupRepository.OpenAsync(original, null, CancellationToken.None))
        {
            for (var i = 0; i < backups; i++)
            {
                var snapshot = $$"""{"n":{{i}},"pad":"{{new string('x', 2000)}}"}""";
                await repository.StoreAsync(MigrationSeed.Entry($"MXQ{i:D3}", i % 20, snapshot), new MemoryStream(Encoding.UTF8.GetBytes($"backup {i}")), default);
            }
        }

        var live = Path.Combine(original, BackupRepository.CatalogFileName);
        Execute(live, "PRAGMA journal_mode = DELETE;", null); // a catalog in rollback-journal mode (the WAL is checkpointed away)
        var killed = Path.Combine(_root, "killed");
        CopyTree(original, killed);

        using var writer = Connect(live);
        Execute(writer, "PRAGMA cache_size = 2;", null); // a small cache: the transaction's pages spill into the database file
        using (var transaction = writer.BeginTransaction())
        {
            Execute(writer, $"UPDATE backups SET host = '{Uncommitted}', snapshot = NULL;", transaction);
            var journal = await File.ReadAllBytesAsync(live + "-journal");
            Assert.Equal("d9d505f920a163d7", Convert.ToHexStringLower(journal.AsSpan(0, 8))); // synced: a hot journal once its writer is gone
            foreach (var suffix in new[] { string.Empty, "-journal" })
            {
                File.Copy(live + suffix, Path.Combine(killed, BackupRepository.CatalogFileName + suffix), overwrite: true);
            }

            transaction.Rollback();
        }

        return killed;
    }

    [Fact]
    public async Task History_show_verify_and_migrate_read_the_committed_catalog_and_change_nothing()
    {
        var repo = await RepositoryWithHotJournalAsync(30);
        var catalog = Path.Combine(repo, BackupRepository.CatalogFileName);
        using (var reader = new SqliteConnection($"Data Source={catalog};Mode=ReadOnly;Pooling=False"))
        {
            reader.Open();
            using var count = reader.CreateCommand();
            count.CommandText = "SELECT count(*) FROM backups;";
            var refused = Assert.Throws<SqliteException>(() => count.ExecuteScalar()); // what the fallback is for
            Assert.Equal(8, refused.SqliteErrorCode);
        }

        var before = RepoFiles.HashAll(repo);
        var (code, output, err) = await CliRun.RunAsync("history", "--repo", repo, "--json");
        Assert.True(code == 0, output + err);
        var entries = JsonNode.Parse(output)!.AsArray();
        Assert.Equal(30, entries.Count);
        Assert.DoesNotContain(entries, e => (string?)e!["host"] == Uncommitted);

        (code, output, err) = await CliRun.RunAsync("show", "7", "--repo", repo, "--json");
        Assert.True(code == 0, output + err);
        Assert.Equal("https://mxq006.lab/", (string?)JsonNode.Parse(output)!["host"]);

        (code, output, err) = await CliRun.RunAsync("verify", "--repo", repo);
        Assert.True(code == 0, output + err);

        var target = Path.Combine(_root, "migrated");
        (code, output, err) = await CliRun.RunAsync("repo", "migrate", "--from", repo, "--to", target);
        Assert.True(code == 0, output + err);
        (code, output, err) = await CliRun.RunAsync("history", "--repo", target, "--json");
        Assert.True(code == 0, err);
        var migrated = JsonNode.Parse(output)!.AsArray();
        Assert.Equal(30, migrated.Count);
        Assert.DoesNotContain(migrated, e => (string?)e!["host"] == Uncommitted);
        (code, output, err) = await CliRun.RunAsync("show", "7", "--repo", target, "--json");
        Assert.True(code == 0, output + err);
        Assert.NotNull(JsonNode.Parse(output)!["snapshot"]);

        Assert.Equal(before, RepoFiles.HashAll(repo)); // the journal is still there for the next writer to roll back
    }

    [Fact]
    public async Task While_a_writer_holds_the_lock_a_reader_does_not_copy_files_it_may_be_changing()
    {
        var repo = await RepositoryWithHotJournalAsync(20);
        var before = RepoFiles.HashAll(repo);
        int code;
        string output, err;
        using (new FileStream(Path.Combine(repo, "lock"), FileMode.Open, FileAccess.Read, FileShare.None)) // a writer that has not opened the catalog yet
        {
            (code, output, err) = await CliRun.RunAsync("history", "--repo", repo);
        }

        Assert.Equal(1, code);
        Assert.Contains("needs recovery (a writer was killed) and another ilobackup holds the repository's lock", err, StringComparison.Ordinal);
        Assert.Equal(before, RepoFiles.HashAll(repo));

        // The writer opens the catalog (SQLite rolls the journal back), and readers read it as it is again.
        await using (var writer = await BackupRepository.OpenAsync(repo, null, CancellationToken.None))
        {
            (code, output, err) = await CliRun.RunAsync("history", "--repo", repo, "--json");
        }

        Assert.True(code == 0, output + err);
        Assert.DoesNotContain(JsonNode.Parse(output)!.AsArray(), e => (string?)e!["host"] == Uncommitted);
        Assert.False(File.Exists(Path.Combine(repo, BackupRepository.CatalogFileName + "-journal")));
    }

    private static SqliteConnection Connect(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection;
    }

    private static void Execute(string path, string sql, SqliteTransaction? transaction)
    {
        using var connection = Connect(path);
        Execute(connection, sql, transaction);
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }
}
