using System.Globalization;
using System.Text;
using IloBackup.Engine.Drift;
using IloBackup.Engine.Identity;
using IloBackup.Engine.Repository;
using IloBackup.Engine.Repository.Postgres;
using IloBackup.Serve.Fleet;
using IloBackup.TestSupport.Postgres;

namespace IloBackup.Serve.Tests.Fleet;

/// <summary>
/// The fleet state from the catalog's aggregates (<see cref="FleetStateReader.ReadAsync(IBackupCatalog, Func{string, IReadOnlyList{string}}, VerifyReport?, DateTimeOffset, CancellationToken, DriftBaselineFile?)"/>)
/// is the state <see cref="FleetStateReader.Compute"/> works out from every row, on random varied catalogs (seeded): failures with and
/// without a serial, hosts that never named one, several hosts per serial and a host in several cases, serials in two cases, a swapped
/// serial, suspect backups, firmware up and down, ties in time, succeeded rows without a serial; with and without baselines.
/// </summary>
public abstract class FleetSummaryEquivalenceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Reasons = ["timed out", "connection refused", "401 Unauthorized", "disk full", "odd answer", "certificate changed", " "];
    private static readonly string[] Firmware = ["2.78", "2.80", "3.00", "v1.10.2", "garbled"];
    private IBackupCatalog? _catalog;

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
    public async Task The_aggregates_give_the_state_every_row_gives()
    {
        var catalog = _catalog!;
        var random = new Random(20261203);
        for (var round = 0; round < 4; round++)
        {
            await AddRowsAsync(catalog, random, round, rows: 120);
            var all = await catalog.ListAsync(new BackupQuery(), default);
            var someGood = all.First(e => GoodBackup.IsCandidate(e) && e.Snapshot is not null);
            var aFailure = all.First(e => e.Outcome == BackupOutcome.Failed);
            foreach (var baselines in new DriftBaselineFile?[]
            {
                null,
                DriftBaselineFile.Parse("default:\n  ntp-servers: [ntp1.lab]\ntags:\n  rack1:\n    ntp-servers: [ntp2.lab, ntp1.lab]\n", "b.yaml"),
                DriftBaselineFile.Parse($"default:\n  same-as: {someGood.Id}\n", "b.yaml"),
                DriftBaselineFile.Parse($"default:\n  same-as: {aFailure.Id}\n", "b.yaml"),
            })
            {
                var expected = FleetStateReader.Compute(all, Tags, verify: null, T0, baselines);
                var actual = await FleetStateReader.ReadAsync(catalog, Tags, verify: null, T0, default, baselines);
                Assert.Equal(Describe(expected), Describe(actual));
                Assert.NotEmpty(actual.Servers);
            }
        }
    }

    private static IReadOnlyList<string> Tags(string host) => host.Contains('1', StringComparison.Ordinal) ? ["rack1"] : [];

    private static async Task AddRowsAsync(IBackupCatalog catalog, Random random, int round, int rows)
    {
        string[] serials = ["MXQ1", "MXQ2", "mxq2", "MXQ3", "MXQ4", "MXQ5", $"R{round}"];
        for (var i = 0; i < rows; i++)
        {
            var s = random.Next(serials.Length + 2);
            var host = s >= serials.Length ? $"https://dead{s - serials.Length}.lab/"                       // never names a serial
                : random.Next(6) == 0 ? $"https://SRV{s}.lab/"                                              // the same host in another case
                : random.Next(5) == 0 ? $"https://srv{s}b.lab/"                                             // another host of the serial
                : $"https://srv{s}.lab/";
            var serial = s >= serials.Length ? null : random.Next(12) == 0 ? serials[random.Next(serials.Length)] : serials[s]; // swapped boards
            var at = T0.AddHours(round * 400 + random.Next(300) / 3 * 3); // ties in time
            var generation = random.Next(8) == 0 ? null : random.Next(5) == 0 ? "iLO 6" : "iLO 5";
            var firmware = random.Next(6) == 0 ? null : Firmware[random.Next(Firmware.Length)];
            if (random.Next(10) < 6)
            {
                var ntp = random.Next(3) switch { 0 => "\"ntp1.lab\"", 1 => "\"ntp1.lab\",\"ntp2.lab\"", _ => "\"ntp9.lab\"" };
                await catalog.AddAsync(new NewBackupEntry
                {
                    Host = host, Outcome = BackupOutcome.Succeeded, TakenAt = at,
                    Identity = new IloIdentity(random.Next(15) == 0 ? null : serial, "ProLiant", "1", generation, firmware),
                    FileName = "f.bak", Sha256 = Convert.ToHexStringLower(BitConverter.GetBytes(random.NextInt64())).PadLeft(64, '0'), Size = 100,
                    Snapshot = random.Next(8) == 0 ? null : "{\"dateTime\":{\"StaticNTPServers\":[" + ntp + "]}}",
                    Suspect = random.Next(6) == 0,
                }, default);
            }
            else
            {
                await catalog.AddAsync(new NewBackupEntry
                {
                    Host = host, Outcome = BackupOutcome.Failed, TakenAt = at,
                    Identity = random.Next(3) == 0 ? IloIdentity.Unknown : new IloIdentity(serial, null, null, generation, firmware),
                    FailureReason = random.Next(8) == 0 ? null : Reasons[random.Next(Reasons.Length)] + (random.Next(2) == 0 ? $" ({i})" : string.Empty),
                }, default);
            }
        }
    }

    /// <summary>Everything a page or the metrics can show of the state, in words.</summary>
    private static string Describe(FleetState state)
    {
        var text = new StringBuilder();
        foreach (var ((outcome, reason), count) in state.Attempts.OrderBy(a => a.Key.Outcome, StringComparer.Ordinal).ThenBy(a => a.Key.Reason, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"{outcome}/{reason}: {count}\n");
        }

        foreach (var s in state.Servers)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{s.Key} serial={s.Serial} host={s.Host} tags={string.Join(',', s.Tags)} attempts={s.Attempts} suspect={s.Suspect} stale={s.Stale} "
                + $"failing={s.Failing} drifted={s.Drifted}\n  last={s.LastAttempt}\n  good={s.LastGood}\n  drift={Drift(s.Drift)}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"drift problem={state.DriftProblem} report={state.Drift?.Source}\n");
        foreach (var s in state.Drift?.Servers ?? [])
        {
            text.Append(CultureInfo.InvariantCulture, $"  {s.Key}: {Drift(s)}\n");
        }

        return text.ToString();
    }

    private static string Drift(ServerDrift? drift) => drift is null ? "-"
        : $"{drift.Key} {drift.Serial} {drift.Host} [{string.Join(',', drift.Tags)}] [{string.Join(',', drift.Baselines)}] {drift.Backup?.Id} {drift.Status} "
            + string.Join(';', drift.Deviations);
}

public sealed class SqliteFleetSummaryEquivalenceTests : FleetSummaryEquivalenceTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fleet-summary-").FullName;

    protected override Task<IBackupCatalog> OpenAsync() =>
        Task.FromResult<IBackupCatalog>(SqliteBackupCatalog.Open(Path.Combine(_folder, "catalog.db"), readOnly: false));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}

public sealed class PostgresFleetSummaryEquivalenceTests : FleetSummaryEquivalenceTests, INeedsPostgres
{
    protected override async Task<IBackupCatalog> OpenAsync() =>
        PostgresServer.Shared is { } server
            ? PostgresBackupCatalog.Open(PostgresCatalogAddress.Parse(await server.CreateDatabaseAsync()), readOnly: false)
            : throw new InvalidOperationException(PostgresServer.SkipReason);
}
