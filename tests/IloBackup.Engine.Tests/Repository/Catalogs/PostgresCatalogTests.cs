using IloBackup.Engine.Repository;
using IloBackup.Engine.Repository.Postgres;
using IloBackup.TestSupport.Postgres;
using Npgsql;

namespace IloBackup.Engine.Tests.Repository.Catalogs;

/// <summary>The PostgreSQL catalog's own behaviours: migrations, and what its errors leave out.</summary>
public sealed class PostgresCatalogTests : INeedsPostgres
{
    private static PostgresServer Server => PostgresServer.Shared ?? throw new InvalidOperationException(PostgresServer.SkipReason);

    [CatalogFact]
    public async Task Two_processes_opening_a_new_catalog_at_once_apply_each_migration_once()
    {
        var address = PostgresCatalogAddress.Parse(await Server.CreateDatabaseAsync());

        var opened = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => PostgresBackupCatalog.Open(address, readOnly: false))));
        foreach (var catalog in opened)
        {
            await catalog.DisposeAsync();
        }

        await using var connection = new NpgsqlConnection(Server.AdminConnectionString(address.Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT string_agg(version::text, ',' ORDER BY version) FROM ilobackup_schema;", connection);
        Assert.Equal(string.Join(',', Enumerable.Range(1, PostgresCatalogSchema.CurrentVersion)), await command.ExecuteScalarAsync());
    }

    [CatalogFact]
    public async Task A_newer_schema_is_refused_and_a_reader_does_not_create_one()
    {
        var address = PostgresCatalogAddress.Parse(await Server.CreateDatabaseAsync());
        var empty = Assert.Throws<RepositoryException>(() => PostgresBackupCatalog.Open(address, readOnly: true));
        Assert.Contains("no tables", empty.Message, StringComparison.Ordinal);

        await (await Task.Run(() => PostgresBackupCatalog.Open(address, readOnly: false))).DisposeAsync();
        await using (var connection = new NpgsqlConnection(Server.AdminConnectionString(address.Database)))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("INSERT INTO ilobackup_schema (version) VALUES (99);", connection);
            await command.ExecuteNonQueryAsync();
        }

        foreach (var readOnly in new[] { false, true })
        {
            var newer = Assert.Throws<RepositoryException>(() => PostgresBackupCatalog.Open(address, readOnly));
            Assert.Contains("schema version 99, newer than this ilobackup knows", newer.Message, StringComparison.Ordinal);
        }
    }

    [CatalogFact]
    public async Task A_wrong_password_fails_without_the_password_in_the_error()
    {
        var address = PostgresCatalogAddress.Parse(await Server.CreateDatabaseAsync());
        var wrong = Path.Combine(Path.GetTempPath(), "pw-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(wrong, "Wr0ng-Passw0rd-42\n");
        try
        {
            var error = Assert.Throws<RepositoryException>(() => PostgresBackupCatalog.Open(address with { PasswordFile = wrong }, readOnly: false));
            var lockError = await Assert.ThrowsAsync<RepositoryException>(() => PostgresWriterLock.TakeAsync(
                address with { PasswordFile = wrong }, "test", TimeProvider.System, null, null, default));

            foreach (var text in new[] { error.ToString(), lockError.ToString() })
            {
                Assert.Contains("password authentication failed", text, StringComparison.Ordinal);
                Assert.DoesNotContain("Wr0ng-Passw0rd-42", text, StringComparison.Ordinal);
                Assert.DoesNotContain(File.ReadAllText(Server.PasswordFile).Trim(), text, StringComparison.Ordinal);
            }
        }
        finally
        {
            File.Delete(wrong);
        }
    }
}
