using System.Text.Json.Nodes;
using IloBackup.Cli.Tests.Fleet;

namespace IloBackup.Cli.Tests.Runners;

/// <summary>
/// Issue 20 on a folder repository (SQLite: one machine): <c>--runner</c> only labels rows (no leases), and history, show,
/// their JSON and the fleet report name it; without <c>--runner</c> a SQLite row carries none and history has no Runner column.
/// </summary>
public sealed class RunnerLabelTests
{
    [Fact]
    public async Task A_named_runner_labels_the_rows_and_every_report_names_it()
    {
        await using var emulated = await EmulatedFleet.StartAsync(2);
        var (code, output, error) = await RunAsync(
            "fleet", "backup", "--inventory", emulated.Inventory, "--repo", emulated.Repository, "--runner", "site-a", "--run-id", "nightly-1", "--json");
        Assert.True(code == ExitCodes.Ok, error);
        var report = JsonNode.Parse(output)!;
        Assert.Equal(("site-a", "nightly-1", 0), ((string?)report["runner"]!["name"], (string?)report["runner"]!["runId"], (int)report["runner"]!["leasesTaken"]!));
        Assert.All(report["hosts"]!.AsArray(), h => Assert.Equal("site-a", (string?)h!["runner"]));

        (code, output, _) = await RunAsync("fleet", "backup", "--inventory", emulated.Inventory, "--repo", emulated.Repository);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.DoesNotContain("Runner", output, StringComparison.Ordinal); // an unnamed run on SQLite: nothing to name

        (_, output, _) = await RunAsync("history", "--repo", emulated.Repository);
        Assert.Contains("Runner", output, StringComparison.Ordinal);
        Assert.Equal(2, output.Split('\n').Count(l => l.Contains("site-a", StringComparison.Ordinal)));

        (_, output, _) = await RunAsync("history", "--repo", emulated.Repository, "--json");
        var entries = JsonNode.Parse(output)!.AsArray();
        Assert.Equal(["site-a", "site-a"], entries.Select(e => (string?)e!["runner"]).OfType<string>());
        var labelled = entries.First(e => e!["runner"] is not null)!;

        (_, output, _) = await RunAsync("show", ((long)labelled["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture), "--repo", emulated.Repository);
        Assert.Contains("runner    site-a", output, StringComparison.Ordinal);
        Assert.Contains("run       nightly-1", output, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, new CliConsole(output, error, TextReader.Null, isInteractive: false));
        return (code, output.ToString(), error.ToString());
    }
}
