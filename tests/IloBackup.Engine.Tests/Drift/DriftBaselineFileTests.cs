using IloBackup.Engine.Drift;

namespace IloBackup.Engine.Tests.Drift;

public sealed class DriftBaselineFileTests
{
    [Fact]
    public void Reads_a_default_and_tag_baselines_with_their_lines()
    {
        var file = DriftBaselineFile.Parse("""
            # the fleet's baseline
            default:
              ntp-servers: [ntp1.example.com]
              snmp:
                v1: false
            tags:
              prod:
                same-as: 42
                accounts: [ops]
            """, "b.yaml");

        Assert.Equal(2, file.Default!.Line);
        Assert.Equal(["ntp1.example.com"], file.Default.Expected["ntp-servers"]);
        Assert.Equal(["false"], file.Default.Expected["snmp.v1"]);
        var prod = Assert.Single(file.Tags);
        Assert.Equal(("tag prod", "prod", 42L, 7, 8), (prod.Name, prod.Tag, prod.SameAs!.Value, prod.Line, prod.SameAsLine));
        Assert.Equal(["ops"], prod.Expected["accounts"]);
    }

    [Theory]
    [InlineData("default:\n  ntp-server: [a]\n", 2, "unknown key 'ntp-server' in baseline 'default'")]
    [InlineData("default:\n  license: Advanced\nbaselines:\n  x: 1\n", 3, "unknown key 'baselines' (expected one of: default, tags)")]
    [InlineData("tags:\n  prod:\n    snmp:\n      v2: true\n", 4, "unknown key 'v2' under 'snmp' (expected one of: alerts-enabled, alert-destinations, v1, contact, location)")]
    [InlineData("default:\n  protocols: true\n", 2, "'protocols' must be a mapping")]
    [InlineData("default:\n  dhcp: yes\n", 2, "'dhcp' must be true or false")]
    [InlineData("default:\n  ntp-servers: ntp1.example.com\n", 2, "'ntp-servers' must be a list")]
    [InlineData("default:\n  time-zone: [a, b]\n", 2, "'time-zone' must be a single value")]
    [InlineData("default:\n  same-as: latest\n", 2, "'same-as' must be a backup id")]
    [InlineData("default:\n  same-as: 0\n", 2, "'same-as' must be a backup id")]
    [InlineData("default: Production\n", 1, "baseline 'default' must be a mapping")]
    [InlineData("tags: [prod]\n", 1, "'tags' must be a mapping")]
    [InlineData("- a\n- b\n", 1, "expected a mapping with 'default' and/or 'tags'")]
    [InlineData("tags: {}\n", 1, "no baseline")]
    [InlineData("default:\n  license: [unclosed\n", 3, "not valid YAML")]
    public void A_bad_file_is_an_error_naming_file_and_line(string yaml, int line, string problem)
    {
        var ex = Assert.Throws<DriftBaselineException>(() => DriftBaselineFile.Parse(yaml, "b.yaml"));

        Assert.Equal(line, ex.Line);
        Assert.StartsWith($"b.yaml:{line}: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_example_baseline_of_the_docs_is_valid_and_pins_every_setting()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "IloBackup.slnx")))
        {
            root = root.Parent!;
        }

        var file = await DriftBaselineFile.LoadAsync(Path.Combine(root.FullName, "docs", "serve", "baseline.example.yaml"), default);

        Assert.Equal(DriftSettingTable.All.Select(s => s.Name).Except(["protocols.snmp", "protocols.http", "protocols.https"]), file.Default!.Expected.Keys.Order(StringComparer.Ordinal).OrderBy(n => DriftSettingTable.All.ToList().FindIndex(s => s.Name == n)));
        Assert.Equal(["tag prod", "tag lab"], file.Tags.Select(t => t.Name));
        Assert.Equal(1204, file.Tags[0].SameAs);
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_is_an_error_naming_it()
    {
        var ex = await Assert.ThrowsAsync<DriftBaselineException>(() => DriftBaselineFile.LoadAsync("/nonexistent/baseline.yaml", default));

        Assert.StartsWith("/nonexistent/baseline.yaml: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_setting_has_a_unique_name_and_reads_a_full_snapshot()
    {
        Assert.Equal(DriftSettingTable.All.Count, DriftSettingTable.All.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count());
        var values = DriftSettingTable.ReadAll(DriftSnapshots.Sections());

        // The test snapshot has no HTTP, HTTPS or SNMP protocol entries; everything else is read.
        Assert.Equal(
            DriftSettingTable.All.Select(s => s.Name).Except(["protocols.snmp", "protocols.http", "protocols.https"]),
            values.Keys.Order(StringComparer.Ordinal).Intersect(DriftSettingTable.All.Select(s => s.Name)).OrderBy(n => DriftSettingTable.All.ToList().FindIndex(s => s.Name == n)));
        Assert.Equal(["10.0.0.2"], values["dns-servers"]);
        Assert.Equal(["Europe/Paris"], values["time-zone"]);
    }
}
