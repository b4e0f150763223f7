using IloBackup.Engine.Identity;
using IloBackup.Engine.Repository;
using IloBackup.Engine.Repository.Postgres;
using IloBackup.TestSupport.Postgres;

namespace IloBackup.Engine.Tests.Repository.Catalogs;

/// <summary>
/// <see cref="IBackupCatalog.FleetSummaryAsync"/> and <see cref="CatalogFleet.Servers"/>, the same on SQLite and PostgreSQL: servers keyed
/// by serial (exactly), a host's attempts without a serial joined to the serial it last named, else <c>host:</c>; newest attempt, newest
/// good, suspect and stale flags, attempts, and rows counted by outcome and reason.
/// </summary>
public abstract class CatalogFleetContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
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

    private Task<BackupEntry> GoodAsync(string host, string? serial, int day, string firmware = "2.78", bool suspect = false) =>
        Catalog.AddAsync(new NewBackupEntry
        {
            Host = host, Outcome = BackupOutcome.Succeeded, TakenAt = T0.AddDays(day), Identity = new IloIdentity(serial, "ProLiant", "1", "iLO 5", firmware),
            FileName = "f.bak", Sha256 = new string('a', 63) + (day % 10).ToString(System.Globalization.CultureInfo.InvariantCulture), Size = 10,
            Snapshot = """{"a":1}""", Suspect = suspect,
        }, default);

    private Task<BackupEntry> FailedAsync(string host, string? serial, int day, string? reason, string? firmware = null) =>
        Catalog.AddAsync(new NewBackupEntry
        {
            Host = host, Outcome = BackupOutcome.Failed, TakenAt = T0.AddDays(day),
            Identity = new IloIdentity(serial, null, null, firmware is null ? null : "iLO 5", firmware), FailureReason = reason,
        }, default);

    [CatalogFact]
    public async Task An_empty_catalog_has_no_servers_and_no_counts()
    {
        var summary = await Catalog.FleetSummaryAsync(default);

        Assert.Empty(CatalogFleet.Servers(summary));
        Assert.Empty(summary.Outcomes);
        Assert.Empty(summary.HostSerials);
    }

    [CatalogFact]
    public async Task Servers_are_keyed_and_summed_as_the_dashboard_shows_them()
    {
        var good1 = await GoodAsync("https://a.lab/", "MXQ1", 0);
        var failed1 = await FailedAsync("https://a.lab/", "MXQ1", 1, "timed out", firmware: "2.80");
        await FailedAsync("https://dead.lab/", null, 0, "connection refused");
        var dead = await FailedAsync("https://dead.lab/", null, 2, null);
        await FailedAsync("https://B.lab/", null, 0, "401 Unauthorized");
        var good2 = await GoodAsync("https://b.lab/", "MXQ2", 1);
        var good3 = await GoodAsync("https://c.lab/", "MXQ3", 0);
        var suspect3 = await GoodAsync("https://c.lab/", "MXQ3", 1, suspect: true);
        var otherCase = await GoodAsync("https://c.lab/", "mxq3", 2);

        var summary = await Catalog.FleetSummaryAsync(default);
        var servers = CatalogFleet.Servers(summary);

        // Serials in another case are other servers, ordered case-insensitively (the newest first among equals).
        Assert.Equal(["host:https://dead.lab/", "MXQ1", "MXQ2", "mxq3", "MXQ3"], servers.Select(s => s.Key));
        var mxq1 = servers[1];
        Assert.Equal((failed1.Id, good1.Id, true, false, 2L), (mxq1.LastAttempt.Id, mxq1.LastGood!.Id, mxq1.Stale, mxq1.Suspect, mxq1.Attempts));
        Assert.Equal(good1, mxq1.LastGood);
        var deadServer = servers[0];
        Assert.Equal((dead.Id, (BackupEntry?)null, 2L, (string?)null, "https://dead.lab/"), (deadServer.LastAttempt.Id, deadServer.LastGood, deadServer.Attempts, deadServer.Serial, deadServer.Host));
        Assert.Equal((good2.Id, good2.Id, 2L), (servers[2].LastAttempt.Id, servers[2].LastGood!.Id, servers[2].Attempts)); // its host's earlier failure, in another case, joins it
        Assert.Equal((suspect3.Id, good3.Id, true, 2L), (servers[4].LastAttempt.Id, servers[4].LastGood!.Id, servers[4].Suspect, servers[4].Attempts));
        Assert.Equal(otherCase.Id, servers[3].LastGood!.Id);
        Assert.Equal(
            [(BackupOutcome.Succeeded, null, 5L), (BackupOutcome.Failed, null, 1L), (BackupOutcome.Failed, "401 Unauthorized", 1L), (BackupOutcome.Failed, "connection refused", 1L), (BackupOutcome.Failed, "timed out", 1L)],
            summary.Outcomes.Select(o => (o.Outcome, o.FailureReason, o.Count)).OrderBy(o => o.Outcome).ThenBy(o => o.FailureReason, StringComparer.Ordinal));
    }

    [CatalogFact]
    public async Task A_host_joins_the_serial_of_its_newest_row_and_ties_in_time_go_to_the_higher_id()
    {
        await GoodAsync("https://a.lab/", "OLD1", 0);
        await GoodAsync("https://a.lab/", "NEW1", 1); // the motherboard was replaced
        var unnamed = await FailedAsync("https://A.lab/", null, 3, "reset by peer");
        var first = await GoodAsync("https://z.lab/", "TIE1", 5);
        var second = await GoodAsync("https://z.lab/", "TIE1", 5);

        var servers = CatalogFleet.Servers(await Catalog.FleetSummaryAsync(default));

        var joined = Assert.Single(servers, s => s.Key == "NEW1");
        Assert.Equal((unnamed.Id, 2L, "https://A.lab/"), (joined.LastAttempt.Id, joined.Attempts, joined.Host));
        Assert.Equal(1L, Assert.Single(servers, s => s.Key == "OLD1").Attempts);
        var tie = Assert.Single(servers, s => s.Key == "TIE1");
        Assert.Equal((second.Id, second.Id), (tie.LastAttempt.Id, tie.LastGood!.Id));
        Assert.NotEqual(first.Id, tie.LastAttempt.Id);
    }

    [CatalogFact]
    public async Task Firmware_seen_since_the_good_backup_makes_it_stale_only_when_newer()
    {
        await GoodAsync("https://a.lab/", "UP1", 0, firmware: "2.78");
        await FailedAsync("https://a.lab/", "UP1", 1, "timed out", firmware: "3.00");
        await GoodAsync("https://b.lab/", "DOWN1", 0, firmware: "3.00");
        await FailedAsync("https://b.lab/", "DOWN1", 1, "timed out", firmware: "2.78");
        await FailedAsync("https://c.lab/", "BEFORE1", 0, "timed out", firmware: "3.00");
        await GoodAsync("https://c.lab/", "BEFORE1", 1, firmware: "2.78");

        var servers = CatalogFleet.Servers(await Catalog.FleetSummaryAsync(default)).ToDictionary(s => s.Key);

        Assert.True(servers["UP1"].Stale);
        Assert.False(servers["DOWN1"].Stale);
        Assert.False(servers["BEFORE1"].Stale); // the newer firmware was seen before the good backup only
    }
}

public sealed class SqliteCatalogFleetContractTests : CatalogFleetContractTests
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

public sealed class PostgresCatalogFleetContractTests : CatalogFleetContractTests, INeedsPostgres
{
    protected override async Task<IBackupCatalog> OpenAsync() =>
        PostgresServer.Shared is { } server
            ? PostgresBackupCatalog.Open(PostgresCatalogAddress.Parse(await server.CreateDatabaseAsync()), readOnly: false)
            : throw new InvalidOperationException(PostgresServer.SkipReason);
}
