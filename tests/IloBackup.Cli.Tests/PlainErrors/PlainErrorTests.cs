using IloBackup.Cli.Connection;
using IloBackup.Redfish;
using IloBackup.TestSupport.Certificates;
using IloBackup.TestSupport.Emulation;

namespace IloBackup.Cli.Tests.PlainErrors;

/// <summary>Issue 15, "Plain-language errors": wrong scheme for the port, damaged sidecar, unknown generation, not a backup.</summary>
public sealed class PlainErrorTests
{
    [Fact]
    public async Task Https_to_a_plain_http_port_says_so_and_warns_about_clear_text()
    {
        await using var ilo = await SingleIloFixture.StartAsync(); // plain HTTP
        var https = ilo.Host.Replace("http://", "https://", StringComparison.Ordinal);

        var (code, _, error) = await CliRun.RunAsync(ilo.Args("backup", https, "--insecure", "-o", ilo.Directory));

        Assert.Equal(1, code);
        Assert.Contains("this port answers plain HTTP, not HTTPS", error, StringComparison.Ordinal);
        Assert.Contains("the password would then cross the network in clear text", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_to_an_https_port_says_use_https()
    {
        using var certificate = TestCertificates.CreateSelfSigned();
        await using var fleet = await TestIlo.StartKestrelAsync(certificate);
        var http = fleet[0].BaseUrl.ToString().Replace("https://", "http://", StringComparison.Ordinal);
        var password = Path.Combine(Path.GetTempPath(), $"pw-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(password, TestIlo.AdminPassword);
        try
        {
            var (code, _, error) = await CliRun.RunAsync("custom-backup", http, "--user", TestIlo.AdminUser, "--password-file", password);

            Assert.Equal(1, code);
            Assert.Contains("it most likely speaks HTTPS, as iLOs do (use https://127.0.0.1:", error, StringComparison.Ordinal);
            Assert.Empty(fleet[0].Sessions.List(fleet[0].SessionTimeout));
        }
        finally
        {
            File.Delete(password);
        }
    }

    [Theory]
    [InlineData("http://ilo.lab:443", "http:// on port 443, the HTTPS port: use https://ilo.lab")]
    [InlineData("https://ilo.lab:80", "https:// on port 80, the plain-HTTP port")]
    public async Task A_scheme_that_contradicts_its_port_is_refused_before_any_connection(string host, string expected)
    {
        var (code, _, error) = await CliRun.RunAsync("backup", host, "--password-stdin");

        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://ilo.lab:8080", true)]
    [InlineData("http://10.1.2.3", true)]
    [InlineData("http://127.0.0.1:8080", false)]
    [InlineData("http://localhost:8080", false)]
    [InlineData("https://ilo.lab", false)]
    public void Plain_http_to_another_machine_is_warned_about(string host, bool warned)
    {
        var warning = SchemeCheck.Warning(RedfishEndpoint.Parse(host));
        Assert.Equal(warned, warning is not null);
        if (warned)
        {
            Assert.Contains("the password will cross the network in clear text", warning, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_damaged_metadata_file_is_named_and_the_way_on_is_said()
    {
        var folder = Directory.CreateTempSubdirectory("sidecar-").FullName;
        try
        {
            var backup = Path.Combine(folder, "HPE_MXQ1_20261101_0200.bak");
            await File.WriteAllBytesAsync(backup, [0x89, 0x49, 0x4C, 0x4F, 0x42, 0x41, 0x4B, 0x0A, 1, 2, 3]);
            await File.WriteAllTextAsync(backup + ".json", "{\"formatVersion\": 1, \"fileName\": ");

            var (code, _, error) = await CliRun.RunAsync("inspect", backup);

            Assert.Equal(1, code);
            Assert.Contains("the metadata file beside the backup is damaged", error, StringComparison.Ordinal);
            Assert.Contains("it is not valid JSON (line 1)", error, StringComparison.Ordinal);
            Assert.Contains("move HPE_MXQ1_20261101_0200.bak.json aside", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("notes.txt", "hello, this is a text file\n", "it is a text file")]
    [InlineData("config.bak", "{\"a\": 1}\n", "it is a JSON or text file")]
    [InlineData("empty.bak", "", "it is empty")]
    public async Task Inspect_on_a_file_that_is_not_a_backup_says_so(string name, string content, string expected)
    {
        var folder = Directory.CreateTempSubdirectory("not-backup-").FullName;
        try
        {
            var path = Path.Combine(folder, name);
            await File.WriteAllTextAsync(path, content);

            var (code, _, error) = await CliRun.RunAsync("inspect", path);

            Assert.Equal(1, code);
            Assert.Contains($"is not an iLO backup: {expected}", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Inspect_on_a_metadata_file_points_to_its_backup()
    {
        var folder = Directory.CreateTempSubdirectory("inspect-json-").FullName;
        try
        {
            var backup = Path.Combine(folder, "HPE_MXQ1_20261101_0200.bak");
            await File.WriteAllBytesAsync(backup, [0x89, 0x49, 0x4C, 0x4F]);
            await File.WriteAllTextAsync(backup + ".json", "{}");

            var (code, _, error) = await CliRun.RunAsync("inspect", backup + ".json");

            Assert.Equal(2, code);
            Assert.Contains($"is the metadata file of a backup: inspect {backup}", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("emulator")]
    [InlineData("demo")]
    public async Task An_unsupported_generation_is_a_plain_usage_error(string verb)
    {
        var (code, _, error) = await CliRun.RunAsync(verb, "--generation", "4");

        Assert.Equal(2, code);
        Assert.Contains("--generation 4: the emulator has iLO 5, iLO 6 and iLO 7 only; give 5, 6 or 7", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", error, StringComparison.Ordinal);
    }
}
