using System.Text.Json.Nodes;

namespace IloBackup.Cli.Tests.Inspect;

public sealed class InspectAndDiffTests
{
    [Fact]
    public async Task Inspect_shows_the_metadata_and_diff_shows_what_changed()
    {
        await using var ilo = await SingleIloFixture.StartAsync();
        var first = Path.Combine(ilo.Directory, "first.bak");
        var second = Path.Combine(ilo.Directory, "second.bak");
        Assert.Equal(ExitCodes.Ok, (await CliRun.RunAsync(ilo.Args("backup", ilo.Host, "-o", first))).Code);
        var hostName = ilo.Ilo.Configuration.Network.HostName;
        ilo.Ilo.UpdateConfiguration(c => c with { Network = c.Network with { HostName = "ilo-renamed" } });
        Assert.Equal(ExitCodes.Ok, (await CliRun.RunAsync(ilo.Args("backup", ilo.Host, "-o", second))).Code);

        var (code, output, _) = await CliRun.RunAsync("inspect", first);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("its metadata file", output, StringComparison.Ordinal);
        Assert.Contains(ilo.Ilo.Identity.ServerSerial, output, StringComparison.Ordinal);

        var (diffCode, diff, _) = await CliRun.RunAsync("diff", first, second);
        Assert.Equal(ExitCodes.Ok, diffCode);
        Assert.Contains($"~ $.sections.network.Members.1.HostName: \"{hostName}\" -> \"ilo-renamed\"", diff, StringComparison.Ordinal);

        var (_, json, _) = await CliRun.RunAsync("diff", first, second, "--json");
        // The emulator also shows the new name in the network protocol resource (HostName, FQDN): nothing else changed.
        var paths = JsonNode.Parse(json)!.AsArray().Select(d => d!["path"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["$.sections.network.Members.1.FQDN", "$.sections.network.Members.1.HostName", "$.sections.protocols.FQDN", "$.sections.protocols.HostName"], paths);
    }

    [Fact]
    public async Task Inspect_of_a_damaged_or_unknown_file()
    {
        var directory = Directory.CreateTempSubdirectory("inspect-").FullName;
        var file = Path.Combine(directory, "HPE_CZJ1234567_20260101_0000.bak");
        await File.WriteAllBytesAsync(file, [0xC3, 0x00, 0x7F, 0x12]); // opaque bytes, as a real iLO's backup (text is refused: PlainErrorTests)
        var (code, output, _) = await CliRun.RunAsync("inspect", file, "--json");
        Assert.Equal(ExitCodes.Ok, code);
        var json = JsonNode.Parse(output)!;
        Assert.Equal("FileName", json["knowledge"]!.GetValue<string>());
        Assert.Equal("CZJ1234567", json["serialNumber"]!.GetValue<string>());
        var (missing, _, error) = await CliRun.RunAsync("inspect", Path.Combine(directory, "nope.bak"));
        Assert.Equal(ExitCodes.Failed, missing);
        Assert.StartsWith("error:", error, StringComparison.Ordinal);
        Directory.Delete(directory, true);
    }
}
