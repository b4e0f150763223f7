using IloBackup.Engine.Identity;
using IloBackup.Engine.Repository;
using IloBackup.Engine.Repository.Postgres;
using IloBackup.TestSupport.Postgres;

namespace IloBackup.Engine.Tests.Repository.Catalogs;

/// <summary>What every catalog does, the same on SQLite and PostgreSQL (one subclass each).</summary>
public abstract class CatalogContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
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

    internal static NewBackupEntry Good(string serial, int day, string snapshot = """{"a":1}""", string? sha = null) => new()
    {
        Host = $"https://{serial.ToLowerInvariant()}.lab/",
        Outcome = BackupOutcome.Succeeded,
        TakenAt = T0.AddDays(day),
        Identity = new IloIdentity(serial, "ProLiant DL360", "867959-B21", "iLO 5", "2.78"),
        FileName = $"HPE_{serial}_{day}.bak",
        Sha256 = sha ?? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(serial + day))),
        Size = 1000 + day,
        Snapshot = snapshot,
        RecordId = $"rec-{serial}-{day}",
    };

    private static NewBackupEntry Failed(string serial, int day) => new()
    {
        Host = $"https://{serial.ToLowerInvariant()}.lab/",
        Outcome = BackupOutcome.Failed,
        TakenAt = T0.AddDays(day),
        Identity = IloIdentity.OfSerial(serial),
        FailureReason = "timed out",
    };

    [CatalogFact]
    public async Task An_entry_reads_back_with_every_field()
    {
        var added = await Catalog.AddAsync(Good("MXQ1", 0) with { PasswordProtected = true, Suspect = true, SuspectReason = "looks like factory defaults" }, default);

        var read = await Catalog.GetAsync(added.Id, default);

        Assert.Equal(added, read);
        Assert.True(read!.Suspect);
        Assert.Equal("rec-MXQ1-0", read.RecordId);
        Assert.Equal(T0, read.TakenAt);
        Assert.Null(await Catalog.GetAsync(added.Id + 1000, default));
    }

    [CatalogFact]
    public async Task Snapshot_unchanged_compares_with_the_previous_good_not_suspect_backup()
    {
        var first = await Catalog.AddAsync(Good("MXQ1", 0, """{"a":1}"""), default);
        await Catalog.AddAsync(Good("MXQ1", 1, """{"a":2}""") with { Suspect = true }, default);
        await Catalog.AddAsync(Failed("MXQ1", 2), default);
        var same = await Catalog.AddAsync(Good("MXQ1", 3, """{"a":1}"""), default);
        var changed = await Catalog.AddAsync(Good("MXQ1", 4, """{"a":3}"""), default);
        var otherCase = await Catalog.AddAsync(Good("mxq1", 5, """{"a":3}"""), default);

        Assert.Null(first.SnapshotUnchanged);
        Assert.True(same.SnapshotUnchanged);
        Assert.False(changed.SnapshotUnchanged);
        Assert.Null(otherCase.SnapshotUnchanged); // the previous-row lookup matches the serial exactly, as it always did
        Assert.True((await Catalog.GetAsync(same.Id, default))!.SnapshotUnchanged);
    }

    [CatalogFact]
    public async Task The_newest_good_backup_matches_the_serial_in_any_case_and_skips_failed_and_suspect()
    {
        var old = await Catalog.AddAsync(Good("MXQ1", 0), default);
        var mid = await Catalog.AddAsync(Good("MXQ1", 1, """{"b":1}"""), default);
        await Catalog.AddAsync(Good("MXQ1", 2) with { Suspect = true }, default);
        await Catalog.AddAsync(Failed("MXQ1", 3), default);

        Assert.Equal(mid.Id, (await Catalog.FindNewestGoodAsync("mxq1", null, default))!.Id);
        Assert.Equal(old.Id, (await Catalog.FindNewestGoodAsync("MXQ1", T0.AddHours(12), default))!.Id);
        Assert.Null(await Catalog.FindNewestGoodAsync("MXQ1", T0.AddHours(-1), default));
        Assert.Null(await Catalog.FindNewestGoodAsync("OTHER", null, default));
    }

    [CatalogFact]
    public async Task Lists_are_newest_first_and_filter_by_serial_host_and_outcome()
    {
        var a0 = await Catalog.AddAsync(Good("MXQ1", 0), default);
        var b0 = await Catalog.AddAsync(Good("MXQ2", 0), default);
        var a1 = await Catalog.AddAsync(Failed("MXQ1", 1), default);
        var a1b = await Catalog.AddAsync(Good("MXQ1", 1), default); // same time: the later id first

        Assert.Equal([a1b.Id, a1.Id, b0.Id, a0.Id], (await Catalog.ListAsync(new BackupQuery(), default)).Select(e => e.Id));
        Assert.Equal([a1b.Id, a1.Id, a0.Id], (await Catalog.ListAsync(new BackupQuery { Serial = "mxq1" }, default)).Select(e => e.Id));
        Assert.Equal([b0.Id], (await Catalog.ListAsync(new BackupQuery { Host = "https://mxq2.lab/" }, default)).Select(e => e.Id));
        Assert.Equal([a1b.Id, a0.Id], (await Catalog.ListAsync(new BackupQuery { Serial = "MXQ1", GoodOnly = true }, default)).Select(e => e.Id));
        Assert.Equal([a1b.Id], (await Catalog.ListAsync(new BackupQuery { Limit = 1 }, default)).Select(e => e.Id));
    }

    [CatalogFact]
    public async Task The_fleet_overview_has_each_servers_newest_good_backup()
    {
        await Catalog.AddAsync(Good("MXQ1", 0), default);
        var a = await Catalog.AddAsync(Good("mxq1", 1, """{"x":1}"""), default);
        await Catalog.AddAsync(Good("MXQ1", 2) with { Suspect = true }, default);
        await Catalog.AddAsync(Failed("MXQ1", 3), default);
        var b = await Catalog.AddAsync(Good("MXQ2", 0), default);
        await Catalog.AddAsync(Failed("MXQ3", 0), default);
        await Catalog.AddAsync(Good("MXQ4", 0) with { Identity = IloIdentity.Unknown }, default);

        var overview = await Catalog.NewestGoodPerServerAsync(default);

        Assert.Equal([a.Id, b.Id], overview.Select(e => e.Id));
        Assert.Equal(a, overview[0]);
    }

    [CatalogFact]
    public async Task Deleting_removes_the_rows_and_their_references()
    {
        var keep = await Catalog.AddAsync(Good("MXQ1", 0, sha: new string('a', 64)), default);
        var gone = await Catalog.AddAsync(Good("MXQ1", 1, sha: new string('b', 64)), default);
        var also = await Catalog.AddAsync(Failed("MXQ1", 2), default);

        Assert.Equal(2, await Catalog.DeleteAsync([gone.Id, also.Id, 9999], default));

        Assert.Equal([keep.Id], (await Catalog.ListAsync(new BackupQuery(), default)).Select(e => e.Id));
        Assert.Equal([new string('a', 64)], await Catalog.ReferencedObjectsAsync(default));
    }

    [CatalogFact]
    public async Task Many_tasks_record_at_once_and_every_row_is_kept()
    {
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => Catalog.AddAsync(Good("MXQ" + (i % 4), i), default))));

        var all = await Catalog.ListAsync(new BackupQuery(), default);
        Assert.Equal(40, all.Select(e => e.Id).Distinct().Count());
        Assert.Equal(4, (await Catalog.NewestGoodPerServerAsync(default)).Count);
    }
}

public sealed class SqliteCatalogContractTests : CatalogContractTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("catalog-").FullName;

    protected override Task<IBackupCatalog> OpenAsync() =>
        Task.FromResult<IBackupCatalog>(SqliteBackupCatalog.Open(Path.Combine(_folder, "catalog.db"), readOnly: false));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

public sealed class PostgresCatalogContractTests : CatalogContractTests, INeedsPostgres
{
    protected override async Task<IBackupCatalog> OpenAsync() =>
        PostgresServer.Shared is { } server
            ? PostgresBackupCatalog.Open(PostgresCatalogAddress.Parse(await server.CreateDatabaseAsync()), readOnly: false)
            : throw new InvalidOperationException(PostgresServer.SkipReason);
}
