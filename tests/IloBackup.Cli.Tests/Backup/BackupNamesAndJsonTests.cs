using System.Globalization;
using System.Text.Json.Nodes;
using IloBackup.Cli.Tests.Golden;

namespace IloBackup.Cli.Tests.Backup;

/// <summary>Issue 15: unique file names within a minute, the output folder checked first, one JSON vocabulary.</summary>
public sealed class BackupNamesAndJsonTests
{
    [Fact]
    public async Task A_name_already_taken_gets_2_then_3_and_the_file_of_the_same_minute_is_kept()
    {
        await using var ilo = await SingleIloFixture.StartAsync();
        var serial = ilo.Ilo.Identity.ServerSerial;
        // The backups made a moment ago, whatever minute this test runs in.
        var now = TimeProvider.System.GetUtcNow();
        var taken = Enumerable.Range(-1, 4).Select(m => Path.Combine(ilo.Directory, string.Create(
            CultureInfo.InvariantCulture, $"HPE_{serial}_{now.AddMinutes(m).UtcDateTime:yyyyMMdd_HHmm}.bak"))).ToArray();
        foreach (var path in taken)
        {
            await File.WriteAllTextAsync(path, "earlier backup");
        }

        for (var run = 2; run <= 3; run++)
        {
            var (code, output, error) = await CliRun.RunAsync(ilo.Args("backup", ilo.Host, "-o", ilo.Directory, "--no-snapshot", "--json"));

            Assert.True(code == 0, error);
            var file = JsonNode.Parse(output)!["file"]!.GetValue<string>();
            Assert.EndsWith($"-{run}.bak", file, StringComparison.Ordinal);
            Assert.Contains(Path.GetFileNameWithoutExtension(file)[..^2] + ".bak", taken.Select(Path.GetFileName));
            Assert.True(File.Exists(file + ".json"));
        }

        Assert.All(taken, path => Assert.Equal("earlier backup", File.ReadAllText(path)));
    }

    [Fact]
    public async Task An_output_folder_that_cannot_be_written_is_refused_before_the_ilo_is_contacted()
    {
        await using var ilo = await SingleIloFixture.StartAsync();
        var notAFolder = Path.Combine(ilo.Directory, "plain-file");
        await File.WriteAllTextAsync(notAFolder, "x");
        ilo.Requests.Clear();

        var (code, _, error) = await CliRun.RunAsync(ilo.Args("backup", ilo.Host, "-o", notAFolder + "/backups/"));

        Assert.Equal(1, code);
        Assert.Contains("cannot write backups into", error, StringComparison.Ordinal);
        Assert.Contains("nothing was asked of the iLO", error, StringComparison.Ordinal);
        Assert.Empty(ilo.Requests);
    }

    [Fact]
    public async Task Backup_and_inspect_speak_the_same_json_and_write_text_unescaped()
    {
        await using var ilo = await SingleIloFixture.StartAsync();

        var (code, backup, error) = await CliRun.RunAsync(ilo.Args("backup", ilo.Host, "-o", ilo.Directory, "--json"));
        Assert.True(code == 0, error);
        var file = JsonNode.Parse(backup)!["file"]!.GetValue<string>();
        var (inspectCode, inspect, inspectError) = await CliRun.RunAsync("inspect", file, "--json");
        Assert.True(inspectCode == 0, inspectError);

        foreach (var output in new[] { backup, inspect })
        {
            Assert.DoesNotContain("\\u00", output, StringComparison.Ordinal);
            Assert.Contains("+00:00\"", output, StringComparison.Ordinal);
            var node = JsonNode.Parse(output)!.AsObject();
            foreach (var key in new[] { "serialNumber", "productName", "generation", "firmwareVersion", "takenAt", "sha256", "sizeBytes" })
            {
                Assert.True(node.ContainsKey(key), $"{key} missing in {output}");
            }

            Assert.False(node.ContainsKey("createdUtc") || node.ContainsKey("iloGeneration"), output);
        }

        Assert.Null(GoldenFiles.Check("output/backup.json", Normalise(backup, ilo)));
        Assert.Null(GoldenFiles.Check("output/inspect.json", Normalise(inspect, ilo)));
    }

    private static string Normalise(string output, SingleIloFixture ilo) =>
        System.Text.RegularExpressions.Regex.Replace(
            System.Text.RegularExpressions.Regex.Replace(GoldenFiles.Normalise(output, ilo.Directory), @"_\d{8}_\d{4}\.bak", "_<YYYYMMDD>_<HHMM>.bak"),
            @"(""(actualS|s)izeBytes"": )\d+", "$1<BYTES>")
            .Replace(ilo.Host, "<HOST>", StringComparison.Ordinal)
            .Replace(ilo.Ilo.Identity.ServerSerial, "<SERIAL>", StringComparison.Ordinal)
            .Replace(CliApp.Version, "<VERSION>", StringComparison.Ordinal);
}
