using IloBackup.Engine.Drift;
using IloBackup.Engine.Repository;
using static IloBackup.Engine.Tests.Drift.DriftSnapshots;

namespace IloBackup.Engine.Tests.Drift;

public sealed class DriftEvaluatorTests
{
    private static readonly Func<string, IReadOnlyList<string>> NoTags = _ => [];

    private static DriftReport Evaluate(string yaml, IReadOnlyList<BackupEntry> newestFirst, Func<string, IReadOnlyList<string>>? tags = null, IReadOnlyList<string>? inventory = null) =>
        DriftEvaluator.Evaluate(DriftBaselineFile.Parse(yaml, "baseline.yaml"), newestFirst, tags ?? NoTags, inventory);

    private const string Pinned = """
        default:
          ntp-servers: [ntp2.example.com, NTP1.example.com]
          time-zone: europe/paris
          dns-servers: [10.0.0.2]
          dhcp: false
          accounts: [backup]
          license: Advanced
          security-state: Production
          snmp:
            alerts-enabled: true
            alert-destinations: [10.0.0.9]
            v1: false
            contact: ops
            location: DC1
          protocols:
            ssh: true
            ipmi: false
        """;

    [Fact]
    public void A_server_that_meets_every_kind_of_expected_value_matches()
    {
        var report = Evaluate(Pinned, [Good(1, "SER1", "h1", Sections())]);

        var server = Assert.Single(report.Servers);
        Assert.Equal(DriftStatus.Matches, server.Status);
        Assert.Empty(server.Deviations);
        Assert.False(report.HasFindings);
        Assert.Equal(["default"], server.Baselines);
    }

    [Fact]
    public void Each_kind_of_expected_value_reports_what_expected_and_actual()
    {
        var drifted = Sections(
            ntp: ["ntp1.example.com"], timeZone: "America/New_York", accounts: ["Administrator"], license: "iLO Standard",
            security: "HighSecurity", ssh: false, ipmi: true, alerts: false, destinations: []);

        var server = Assert.Single(Evaluate(Pinned, [Good(1, "SER1", "h1", drifted)]).Servers);

        Assert.Equal(DriftStatus.Drifted, server.Status);
        var bySetting = server.Deviations.ToDictionary(d => d.Setting);
        Assert.Equal(
            ["ntp-servers", "time-zone", "accounts", "license", "security-state", "snmp.alerts-enabled", "snmp.alert-destinations", "protocols.ssh", "protocols.ipmi"],
            server.Deviations.Select(d => d.Setting));
        Assert.Equal(("ntp2.example.com, NTP1.example.com", "ntp1.example.com"), (bySetting["ntp-servers"].Expected, bySetting["ntp-servers"].Actual));
        Assert.Equal(("includes backup", "missing backup (has Administrator)"), (bySetting["accounts"].Expected, bySetting["accounts"].Actual));
        Assert.Equal(("contains Advanced", "iLO Standard"), (bySetting["license"].Expected, bySetting["license"].Actual));
        Assert.Equal(("Production", "HighSecurity"), (bySetting["security-state"].Expected, bySetting["security-state"].Actual));
        Assert.Equal(("true", "false"), (bySetting["protocols.ssh"].Expected, bySetting["protocols.ssh"].Actual));
        Assert.Equal(("10.0.0.9", "(none)"), (bySetting["snmp.alert-destinations"].Expected, bySetting["snmp.alert-destinations"].Actual));
        Assert.All(server.Deviations, d => Assert.Equal("default", d.Baseline));
    }

    [Fact]
    public void A_setting_the_backup_does_not_hold_is_a_deviation_not_a_match()
    {
        var sections = Sections();
        sections.Remove("security");
        sections.Remove("dateTime");

        var server = Assert.Single(Evaluate(Pinned, [Good(1, "SER1", "h1", sections)]).Servers);

        Assert.Equal(DriftStatus.Drifted, server.Status);
        Assert.Equal(["ntp-servers", "time-zone", "security-state"], server.Deviations.Select(d => d.Setting));
        Assert.All(server.Deviations, d => Assert.Equal("not in the backup", d.Actual));
    }

    [Fact]
    public void The_newest_good_backup_is_checked_failed_and_suspect_ones_are_not()
    {
        var entries = new[]
        {
            Failed(4, "h1", "SER1"),
            Good(3, "SER1", "h1", Sections(security: "HighSecurity"), suspect: true),
            Good(2, "SER1", "h1", Sections()),
            Good(1, "SER1", "h1", Sections(security: "HighSecurity")),
        };

        var server = Assert.Single(Evaluate("default: {security-state: Production}", entries).Servers);

        Assert.Equal(DriftStatus.Matches, server.Status);
        Assert.Equal(2, server.Backup!.Id);
    }

    [Fact]
    public void Servers_without_a_good_backup_are_reported_as_such_never_as_matching()
    {
        var entries = new[]
        {
            Failed(5, "h-failing", "SER2"),
            Good(4, "SER3", "h-suspect", Sections(), suspect: true),
            Good(3, "SER4", "h-nosnapshot", sections: null),
            Failed(2, "h-never"),
        };

        var report = Evaluate("default: {security-state: Production}", entries, inventory: ["h-failing", "h-inventory-only"]);

        var status = report.Servers.ToDictionary(s => s.Key, s => s.Status);
        Assert.Equal(DriftStatus.NoGoodBackup, status["SER2"]);
        Assert.Equal(DriftStatus.NoGoodBackup, status["SER3"]);
        Assert.Equal(DriftStatus.NoSnapshot, status["SER4"]);
        Assert.Equal(DriftStatus.NoGoodBackup, status["host:h-never"]);
        Assert.Equal(DriftStatus.NoGoodBackup, status["host:h-inventory-only"]);
        Assert.Equal(5, report.Servers.Count);
        Assert.True(report.HasFindings);
        Assert.Equal(0, report.Drifted);
        Assert.Equal(5, report.Unchecked);
    }

    [Fact]
    public void Tag_baselines_apply_over_the_default_and_a_server_without_one_has_none()
    {
        const string yaml = """
            tags:
              prod: {security-state: HighSecurity}
              ntp: {ntp-servers: [ntp1.example.com, ntp2.example.com]}
            """;
        var tags = new Dictionary<string, IReadOnlyList<string>> { ["h1"] = ["PROD", "ntp"], ["h2"] = ["lab"] };

        var report = Evaluate(yaml, [Good(2, "SER2", "h2", Sections()), Good(1, "SER1", "h1", Sections())], h => tags[h]);

        var tagged = report.Find("SER1")!;
        Assert.Equal(["tag prod", "tag ntp"], tagged.Baselines);
        Assert.Equal(DriftStatus.Drifted, tagged.Status);
        Assert.Equal(("tag prod", "security-state"), (tagged.Deviations.Single().Baseline, tagged.Deviations.Single().Setting));
        Assert.Equal(DriftStatus.NoBaseline, report.Find("SER2")!.Status);
        Assert.False(report.Find("SER2")!.IsFinding);

        var withDefault = Evaluate(yaml + "\ndefault: {license: Standard}", [Good(2, "SER2", "h2", Sections())], h => tags[h]);
        Assert.Equal(["default"], withDefault.Find("SER2")!.Baselines);
        Assert.Equal("license", withDefault.Find("SER2")!.Deviations.Single().Setting);
    }

    [Fact]
    public void Same_as_compares_with_that_backups_snapshot_and_written_values_win()
    {
        var entries = new[]
        {
            Good(3, "SER3", "h3", Sections(ntp: ["ntp9.example.com"], accounts: ["Administrator", "backup", "extra"])),
            Good(2, "SER2", "h2", Sections(accounts: ["Administrator", "backup", "extra"], security: "HighSecurity")),
            Good(1, "REF1", "ref", Sections(accounts: ["Administrator", "backup"])),
        };

        var report = Evaluate("default:\n  same-as: 1\n  security-state: HighSecurity\n", entries);

        Assert.Equal(DriftStatus.Matches, report.Find("SER2")!.Status);
        var drifted = report.Find("SER3")!;
        Assert.Equal(["ntp-servers", "security-state"], drifted.Deviations.Select(d => d.Setting));
        Assert.Equal("ntp1.example.com, ntp2.example.com", drifted.Deviations[0].Expected);
        Assert.Equal(DriftStatus.Drifted, report.Find("REF1")!.Status); // the reference itself is Production: the written value wins
    }

    [Theory]
    [InlineData(99, "is not in the repository")]
    [InlineData(2, "is a failed attempt")]
    [InlineData(3, "is marked suspect")]
    [InlineData(4, "has no readable snapshot")]
    public void Same_as_a_backup_that_cannot_serve_is_an_error_naming_the_line(long id, string problem)
    {
        var entries = new[]
        {
            Good(4, "SER4", "h4", sections: null), Good(3, "SER3", "h3", Sections(), suspect: true), Failed(2, "h2"), Good(1, "SER1", "h1", Sections()),
        };

        var ex = Assert.Throws<DriftBaselineException>(() => Evaluate($"default: {{license: Advanced}}\ntags:\n  prod:\n    same-as: {id}\n", entries));

        Assert.Equal(4, ex.Line);
        Assert.Contains($"baseline.yaml:4: baseline 'tag prod': same-as backup {id} {problem}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_async_reads_the_catalog()
    {
        var directory = Directory.CreateTempSubdirectory("drift-").FullName;
        try
        {
            await using (var repository = await BackupRepository.OpenAsync(directory, new BackupRepositoryOptions { CreateIfMissing = true }, default))
            {
                await repository.Catalog.AddAsync(
                    new NewBackupEntry { Host = "h1", Outcome = BackupOutcome.Failed, TakenAt = DateTimeOffset.UnixEpoch, FailureReason = "refused" }, default);
                var report = await DriftEvaluator.EvaluateAsync(DriftBaselineFile.Parse("default: {dhcp: false}", "b.yaml"), repository.Catalog, NoTags, null, default);
                Assert.Equal(DriftStatus.NoGoodBackup, Assert.Single(report.Servers).Status);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
