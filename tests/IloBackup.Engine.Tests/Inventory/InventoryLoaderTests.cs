using IloBackup.Engine.Secrets;
using IloBackup.Engine.Inventory;

namespace IloBackup.Engine.Tests.Inventory;

public sealed class InventoryLoaderTests
{
    private const string Yaml = """
        control: http://127.0.0.1:9000   # the emulator's scenario-control endpoint
        defaults:
          user: Administrator
          password-env: ILO_PASSWORD
        hosts:
          - host: https://127.0.0.1:8443
            serial: MXQ78407Z2
            fingerprint: SHA256:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89
            tags: [rack1, prod]
          - host: ilo-rack2.example.com
            user: admin
            password-file: secrets/rack2.pw
          - host: 10.0.0.7:8443
            password-env: ILO_PW_RACK1
        """;

    [Fact]
    public void Yaml_inventory_merges_defaults_and_keeps_only_credential_references()
    {
        var inventory = InventoryLoader.Parse(Yaml, "fleet.yaml", InventoryFormat.Yaml, "/etc/ilo");

        Assert.Equal(new Uri("http://127.0.0.1:9000"), inventory.Control);
        Assert.Equal(3, inventory.Hosts.Count);
        var first = inventory.Hosts[0];
        Assert.Equal(new Uri("https://127.0.0.1:8443/"), first.BaseUri);
        Assert.Equal("MXQ78407Z2", first.Serial);
        Assert.Equal("Administrator", first.User);
        Assert.Equal(SecretSource.FromEnvironment("ILO_PASSWORD"), first.Password);
        Assert.Equal(["rack1", "prod"], first.Tags);
        Assert.StartsWith("SHA256:AB:CD", first.Fingerprint, StringComparison.Ordinal);
        Assert.Equal(6, first.Line);

        var second = inventory.Hosts[1];
        Assert.Equal(new Uri("https://ilo-rack2.example.com/"), second.BaseUri);
        Assert.Equal(443, second.BaseUri.Port);
        Assert.Equal("admin", second.User);
        Assert.Equal(SecretSourceKind.File, second.Password!.Kind);
        Assert.Equal(Path.GetFullPath("/etc/ilo/secrets/rack2.pw"), second.Password.Location);

        Assert.Equal("10.0.0.7:8443", inventory.Hosts[2].Authority);
        Assert.Equal("ILO_PW_RACK1", inventory.Hosts[2].Password!.Location);
    }

    [Theory]
    [InlineData("hosts:\n  - host: a\n    pasword-env: X\n", 3, "unknown key 'pasword-env'")]
    [InlineData("hosts:\n  - host: a\n  - serial: S1\n", 3, "no 'host'")]
    [InlineData("hosts:\n  - host: ftp://a\n", 2, "only https://")]
    [InlineData("hosts:\n  - host: a\n    password-env: X\n    password-file: f\n", 2, "not both")]
    [InlineData("hosts:\n  - host: a\n    fingerprint: AB:CD\n", 2, "fingerprint")]
    [InlineData("hosts:\n  - host: a\n  - host: a:443\n", 3, "listed twice (first at line 2)")]
    [InlineData("hosts:\n  - host: [a\n", 3, "not valid YAML")]
    [InlineData("defaults:\n  user: x\n", 1, "'hosts' must be a list")]
    public void Bad_yaml_is_reported_with_its_line(string text, int line, string message)
    {
        var ex = Assert.Throws<InventoryFormatException>(() => InventoryLoader.Parse(text, "inv.yaml", InventoryFormat.Yaml, null));
        Assert.Equal(line, ex.Line);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith($"inv.yaml:{line}: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_inventory_reads_the_same_columns_with_quotes_and_comments()
    {
        const string Csv = """
            # rack 1
            host,serial,user,password-env,tags
            https://127.0.0.1:8443,MXQ1,admin,ILO_PW,rack1;prod
            "10.0.0.2:444","MXQ,2",,,
            """;
        var inventory = InventoryLoader.Parse(Csv, "fleet.csv", InventoryFormat.Csv, null);

        Assert.Equal(2, inventory.Hosts.Count);
        Assert.Equal("admin", inventory.Hosts[0].User);
        Assert.Equal(["rack1", "prod"], inventory.Hosts[0].Tags);
        Assert.Equal("MXQ,2", inventory.Hosts[1].Serial);
        Assert.Equal(444, inventory.Hosts[1].BaseUri.Port);
        Assert.Null(inventory.Hosts[1].Password);
        Assert.Equal(4, inventory.Hosts[1].Line);
    }

    [Theory]
    [InlineData("host,pasword\na,b\n", 1, "unknown column 'pasword'")]
    [InlineData("serial\nS1\n", 1, "no 'host' column")]
    [InlineData("host,serial\na,b,c\n", 2, "3 fields")]
    [InlineData("host,serial\n\"a,b\n", 2, "unterminated")]
    public void Bad_csv_is_reported_with_its_line(string text, int line, string message)
    {
        var ex = Assert.Throws<InventoryFormatException>(() => InventoryLoader.Parse(text, "inv.csv", InventoryFormat.Csv, null));
        Assert.Equal(line, ex.Line);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_list_accepts_names_ports_urls_ipv6_and_comments()
    {
        const string List = "# lab\nilo1\nilo2:8443  # second\n\nhttp://127.0.0.1:9001\n::1\n[fe80::1]:444\n";
        var inventory = InventoryLoader.Parse(List, "hosts.txt", InventoryFormat.HostList, null);

        Assert.Equal(
            ["https://ilo1/", "https://ilo2:8443/", "http://127.0.0.1:9001/", "https://[::1]/", "https://[fe80::1]:444/"],
            inventory.Hosts.Select(h => h.BaseUri.ToString()));
        Assert.Equal([2, 3, 5, 6, 7], inventory.Hosts.Select(h => h.Line));
    }

    [Fact]
    public void Host_list_rejects_two_words_on_a_line()
    {
        var ex = Assert.Throws<InventoryFormatException>(
            () => InventoryLoader.Parse("ilo1\nilo2 admin\n", "hosts.txt", InventoryFormat.HostList, null));
        Assert.Equal(2, ex.Line);
    }

    [Theory]
    [InlineData("hosts:\n  - host: a\n", InventoryFormat.Yaml)]
    [InlineData("# c\ncontrol: http://x\nhosts: []\n", InventoryFormat.Yaml)]
    [InlineData("host,serial\na,b\n", InventoryFormat.Csv)]
    [InlineData("ilo1\nilo2\n", InventoryFormat.HostList)]
    public void Format_is_detected_from_content(string text, InventoryFormat expected) =>
        Assert.Equal(expected, InventoryLoader.Detect(text));

    [Fact]
    public async Task Load_picks_the_format_from_the_extension_and_resolves_relative_password_files()
    {
        var dir = Directory.CreateTempSubdirectory("inv-");
        try
        {
            var path = Path.Combine(dir.FullName, "fleet.yml");
            await File.WriteAllTextAsync(path, "hosts:\n  - host: a\n    password-file: a.pw\n");
            var inventory = await InventoryLoader.LoadAsync(path, CancellationToken.None);
            Assert.Equal(InventoryFormat.Yaml, inventory.Format);
            Assert.Equal(Path.Combine(dir.FullName, "a.pw"), inventory.Hosts[0].Password!.Location);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Missing_file_is_a_clear_error()
    {
        var ex = await Assert.ThrowsAsync<InventoryFormatException>(
            () => InventoryLoader.LoadAsync("/nonexistent/fleet.yaml", CancellationToken.None));
        Assert.Contains("/nonexistent/fleet.yaml", ex.Message, StringComparison.Ordinal);
    }
}
