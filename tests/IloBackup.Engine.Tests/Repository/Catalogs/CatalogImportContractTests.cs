using IloBackup.Engine.Repository;
using IloBackup.Engine.Repository.Postgres;
using IloBackup.TestSupport.Postgres;

namespace IloBackup.Engine.Tests.Repository.Catalogs;

/// <summary>
/// <see cref="IBackupCatalog.ImportAsync"/> (repo migrate), the same on SQLite and PostgreSQL: a row keeps its id and
/// every field, an id already there is left alone, and later backups get ids past every imported one.
/// </summary>
public abstract class CatalogImportContractTests : IAsyncLifetime
{
    private IBackupCatalog? _catalog;

    private IBackupCatalog Catalog => _catalog!;

    protected abstract Task<IBackupCatalog> OpenAsync();

    public async Task InitializeAsync() => _catalog = await OpenAsync();

    public virtual async Task DisposeAsync()
    {
        if (_catalog is not null)
        {
            await _catalog.DisposeAsync();
        }
    }

    private static BackupEntry Row(long id, string serial, int day) =>
        CatalogRow.From(id, CatalogContractTests.Good(serial, day), unchanged: null);

    [CatalogFact]
    public async Task A_row_keeps_its_id_and_every_field()
    {
        var suspect = Row(7, "MXQ1", 1) with { Suspect = true, SuspectReason = "looks like factory defaults", SnapshotUnchanged = false };
        var failed = new BackupEntry
        {
            Id = 3, Host = "https://dead.lab/", Outcome = BackupOutcome.Failed, TakenAt = suspect.TakenAt.AddHours(-1), FailureReason = "unreachable",
        };

        Assert.True(await Catalog.ImportAsync(suspect, default));
        Assert.True(await Catalog.ImportAsync(failed, default));

        Assert.Equal(suspect, await Catalog.GetAsync(7, default)); // snapshot unchanged as given, not worked out again
        Assert.Equal(failed, await Catalog.GetAsync(3, default));
        Assert.Null(await Catalog.GetAsync(1, default));
    }

    [CatalogFact]
    public async Task An_id_already_there_is_left_as_it_is()
    {
        var first = Row(5, "MXQ1", 1);
        Assert.True(await Catalog.ImportAsync(first, default));

        Assert.False(await Catalog.ImportAsync(Row(5, "MXQ2", 2), default));

        Assert.Equal(first, await Catalog.GetAsync(5, default));
        Assert.Single(await Catalog.ListAsync(new BackupQuery(), default));
    }

    [CatalogFact]
    public async Task Later_backups_get_ids_past_every_imported_one_and_an_older_import_does_not_pull_them_back()
    {
        Assert.True(await Catalog.ImportAsync(Row(40, "MXQ1", 2), default));
        Assert.True(await Catalog.ImportAsync(Row(12, "MXQ1", 1), default)); // out of order, with gaps

        var next = await Catalog.AddAsync(CatalogContractTests.Good("MXQ2", 3), default);
        Assert.True(next.Id > 40, $"the next id is {next.Id}");

        Assert.True(await Catalog.ImportAsync(Row(20, "MXQ3", 4), default));
        var after = await Catalog.AddAsync(CatalogContractTests.Good("MXQ2", 5), default);
        Assert.True(after.Id > next.Id, $"the id after a lower import is {after.Id}, before it {next.Id}");
    }
}

public sealed class SqliteCatalogImportContractTests : CatalogImportContractTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("catalog-import-").FullName;

    protected override Task<IBackupCatalog> OpenAsync() =>
        Task.FromResult<IBackupCatalog>(SqliteBackupCatalog.Open(Path.Combine(_folder, "catalog.db"), readOnly: false));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

public sealed class PostgresCatalogImportContractTests : CatalogImportContractTests, INeedsPostgres
{
    protected override async Task<IBackupCatalog> OpenAsync() =>
        PostgresServer.Shared is { } server
            ? PostgresBackupCatalog.Open(PostgresCatalogAddress.Parse(await server.CreateDatabaseAsync()), readOnly: false)
            : throw new InvalidOperationException(PostgresServer.SkipReason);
}
