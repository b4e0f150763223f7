using IloBackup.Engine.Repository;
using Microsoft.Data.Sqlite;

namespace IloBackup.Engine.Tests.Repository.Catalogs;

/// <summary>SQLite schema 4: NOCASE indexes, so history by serial and the newest good backup do not scan the table.</summary>
public sealed class SqliteSchemaFourTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("catalog-").FullName;

    private string Path => System.IO.Path.Combine(_folder, "catalog.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_version_3_catalog_is_migrated_and_serial_lookups_then_use_the_nocase_index()
    {
        await using (var catalog = SqliteBackupCatalog.Open(Path, readOnly: false))
        {
            await catalog.AddAsync(CatalogContractTests.Good("MXQ1", 0), default);
        }

        Execute("DROP INDEX ix_backups_serial_nocase; DROP INDEX ix_backups_time; PRAGMA user_version = 3;");
        Assert.DoesNotContain("ix_backups_serial_nocase", Plan("SELECT id FROM backups WHERE serial = 'mxq1' COLLATE NOCASE ORDER BY taken_at_ms DESC, id DESC;"), StringComparison.Ordinal);

        await using (var catalog = SqliteBackupCatalog.Open(Path, readOnly: false))
        {
            Assert.Single(await catalog.ListAsync(new BackupQuery { Serial = "mxq1" }, default));
        }

        Assert.Equal(CatalogSchema.CurrentVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), Execute("PRAGMA user_version;"));
        Assert.Contains("ix_backups_serial_nocase", Plan("SELECT id FROM backups WHERE serial = 'mxq1' COLLATE NOCASE ORDER BY taken_at_ms DESC, id DESC;"), StringComparison.Ordinal);
        Assert.Contains(
            "ix_backups_serial_nocase",
            Plan("SELECT id FROM backups WHERE serial = 'mxq1' COLLATE NOCASE AND outcome = 'succeeded' AND suspect = 0 AND taken_at_ms <= 5 ORDER BY taken_at_ms DESC, id DESC LIMIT 1;"),
            StringComparison.Ordinal);
    }

    private string Plan(string sql) => Execute("EXPLAIN QUERY PLAN " + sql, column: 3);

    private string Execute(string sql, int column = 0)
    {
        using var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var text = new List<string>();
        while (reader.Read())
        {
            text.Add(Convert.ToString(reader.GetValue(column), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return string.Join(" | ", text);
    }
}
