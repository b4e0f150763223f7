using IloBackup.Engine.Repository;
using IloBackup.Engine.Repository.Postgres;
using IloBackup.TestSupport.Postgres;

namespace IloBackup.Engine.Tests.Repository.Catalogs;

/// <summary>
/// Ids are handed out once, the same on SQLite and PostgreSQL: a reserved id (for the record written before its row) is
/// never given to another row, the high-water mark counts removed rows, and moving the sequence never moves it down.
/// </summary>
public abstract class CatalogIdsContractTests : IAsyncLifetime
{
    private IBackupCatalog? _catalog;

    protected IBackupCatalog Catalog => _catalog!;

    protected abstract Task<IBackupCatalog> OpenAsync();

    public async Task InitializeAsync() => _catalog = await OpenAsync();

    public virtual async Task DisposeAsync()
    {
        if (_catalog is not null)
        {
            await _catalog.DisposeAsync();
        }
    }

    [CatalogFact]
    public async Task A_reserved_id_goes_to_the_row_that_names_it_and_to_no_other()
    {
        var first = await Catalog.ReserveIdAsync(default);
        var second = await Catalog.ReserveIdAsync(default);
        Assert.True(second > first);

        var unnamed = await Catalog.AddAsync(CatalogContractTests.Good("MXQ1", 1), default); // between reservation and row
        Assert.True(unnamed.Id > second, $"a row without an id got {unnamed.Id}, reserved were {first} and {second}");
        var named = await Catalog.AddAsync(CatalogContractTests.Good("MXQ2", 2) with { Id = first }, default);
        Assert.Equal(first, named.Id);
        Assert.Equal(named, await Catalog.GetAsync(first, default));
        Assert.True((await Catalog.AddAsync(CatalogContractTests.Good("MXQ3", 3), default)).Id > unnamed.Id);
    }

    [CatalogFact]
    public async Task The_high_water_mark_counts_removed_rows_and_never_moves_down()
    {
        Assert.Equal(0, await Catalog.HighestIdAsync(default));
        var rows = new List<BackupEntry>();
        for (var day = 1; day <= 3; day++)
        {
            rows.Add(await Catalog.AddAsync(CatalogContractTests.Good("MXQ1", day), default));
        }

        await Catalog.DeleteAsync([rows[2].Id], default);
        Assert.Equal(rows[2].Id, await Catalog.HighestIdAsync(default));

        await Catalog.ReserveThroughAsync(rows[2].Id + 10, default);
        await Catalog.ReserveThroughAsync(rows[2].Id + 5, default); // never down
        Assert.Equal(rows[2].Id + 10, await Catalog.HighestIdAsync(default));
        Assert.Equal(rows[2].Id + 11, (await Catalog.AddAsync(CatalogContractTests.Good("MXQ1", 4), default)).Id);
    }
}

public sealed class SqliteCatalogIdsContractTests : CatalogIdsContractTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("catalog-ids-").FullName;

    private string File => Path.Combine(_folder, "catalog.db");

    protected override Task<IBackupCatalog> OpenAsync() => Task.FromResult<IBackupCatalog>(SqliteBackupCatalog.Open(File, readOnly: false));

    [Fact]
    public async Task A_reopened_catalog_keeps_its_high_water_mark()
    {
        var removed = await Catalog.AddAsync(CatalogContractTests.Good("MXQ1", 1), default);
        await Catalog.DeleteAsync([removed.Id], default);
        await Catalog.ReserveThroughAsync(7, default);
        await using var reopened = SqliteBackupCatalog.Open(File, readOnly: false);
        await using var reader = SqliteBackupCatalog.Open(File, readOnly: true);
        Assert.Equal(7, await reader.HighestIdAsync(default));
        Assert.Equal(8, (await reopened.AddAsync(CatalogContractTests.Good("MXQ1", 2), default)).Id);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

public sealed class PostgresCatalogIdsContractTests : CatalogIdsContractTests, INeedsPostgres
{
    protected override async Task<IBackupCatalog> OpenAsync() =>
        PostgresServer.Shared is { } server
            ? PostgresBackupCatalog.Open(PostgresCatalogAddress.Parse(await server.CreateDatabaseAsync()), readOnly: false)
            : throw new InvalidOperationException(PostgresServer.SkipReason);
}
