using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using IloBackup.TestSupport;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Cli.Tests.Fleet;

/// <summary>
/// Issue 15, safety 9: Ctrl+C on a fleet run logs its sessions out, writes the partial report
/// ("2/5 done, …, 1 not started") to the table, <c>--json</c> and <c>--html</c>, and the process then
/// ends by SIGINT, so a shell script stops too. iLOs 2 and 3 hang on the backup (a route override
/// of the real emulator), the run has a concurrency of 2: iLOs 0 and 1 are done, 4 never starts.
/// </summary>
public sealed class InterruptedFleetReportTests
{
    private const string Expected = "2/5 done, 2 interrupted while running, 1 not started";

    [Fact]
    public async Task An_interrupted_run_writes_its_partial_report_as_json_html_and_table()
    {
        await using var emulated = await EmulatedFleet.StartAsync(5);
        var hanging = HangBackups(emulated);
        var html = Path.Combine(emulated.Directory, "report.html");

        var (code, output, error) = await InterruptAsync(emulated, hanging, ["--json", "--html", html]);

        Assert.True(code == ExitCodes.Interrupted, error);
        var summary = JsonNode.Parse(output)!["summary"]!;
        Assert.True((bool)summary["interrupted"]!);
        Assert.Equal(Expected, (string?)summary["interruption"]);
        Assert.Equal(5, (int)summary["hostsInInventory"]!);
        var notStarted = Assert.Single(JsonNode.Parse(output)!["notStarted"]!.AsArray());
        Assert.Equal(emulated.Fleet[4].BaseUrl.ToString().TrimEnd('/'), ((string?)notStarted)!.TrimEnd('/'));
        Assert.Contains($"interrupted: {Expected}", error, StringComparison.Ordinal);
        Assert.Contains($"Interrupted: {Expected}", await File.ReadAllTextAsync(html), StringComparison.Ordinal);
        await Polling.UntilAsync(() => emulated.Fleet.Ilos.All(i => i.Sessions.Count == 0), "every session logged out", 30_000);

        (code, output, error) = await InterruptAsync(emulated, hanging, []);
        Assert.True(code == ExitCodes.Interrupted, error);
        Assert.Contains($"interrupted: {Expected}", output, StringComparison.Ordinal);
        Assert.Contains("not started: ", output, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Crash")]
    public async Task A_shell_script_stops_after_an_interrupted_run_that_ends_by_sigint()
    {
        await using var emulated = await EmulatedFleet.StartAsync(5);
        var hanging = HangBackups(emulated);
        var html = Path.Combine(emulated.Directory, "report.html");
        var info = new ProcessStartInfo("setsid") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // A new session, so the test can send SIGINT to the script's whole process group, as a terminal's Ctrl+C does.
        foreach (var arg in new[]
        {
            "bash", "-c", "\"$0\" \"$@\"; echo after", "dotnet", Path.Combine(AppContext.BaseDirectory, "ilobackup.dll"),
            "fleet", "backup", "--inventory", emulated.Inventory, "--repo", emulated.Repository, "--concurrency", "2", "--json", "--html", html,
        })
        {
            info.ArgumentList.Add(arg);
        }

        using var script = Process.Start(info)!;
        var output = new StringBuilder();
        script.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        script.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        script.BeginOutputReadLine();
        script.BeginErrorReadLine();
        try
        {
            await Polling.UntilAsync(() => script.HasExited || Volatile.Read(ref hanging.Count) == 2, "two backups hanging", 90_000);
            Assert.False(script.HasExited, output.ToString());
            using (var kill = Process.Start("kill", ["-INT", "--", $"-{script.Id}"]))
            {
                await kill.WaitForExitAsync();
            }

            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await script.WaitForExitAsync(limit.Token);
        }
        finally
        {
            if (!script.HasExited)
            {
                script.Kill(entireProcessTree: true);
            }
        }

        string text;
        lock (output)
        {
            text = output.ToString();
        }

        Assert.DoesNotContain("after", text, StringComparison.Ordinal); // bash saw its command die by SIGINT, and stopped
        Assert.Equal(130, script.ExitCode); // 128 + SIGINT: the shell itself ended by the signal
        Assert.Contains($"\"interruption\": \"{Expected}\"", text, StringComparison.Ordinal);
        Assert.Contains($"Interrupted: {Expected}", await File.ReadAllTextAsync(html), StringComparison.Ordinal);
        Assert.All(emulated.Fleet.Ilos, i => Assert.Equal(0, i.Sessions.Count));
    }

    private static async Task<(int Code, string Out, string Err)> InterruptAsync(EmulatedFleet emulated, Hanging hanging, string[] extra)
    {
        Volatile.Write(ref hanging.Count, 0);
        using var cts = new CancellationTokenSource();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var run = CliApp.RunAsync(
            ["fleet", "backup", "--inventory", emulated.Inventory, "--repo", emulated.Repository, "--concurrency", "2", .. extra],
            new CliConsole(output, error, TextReader.Null, isInteractive: false), cts.Token);
        await Polling.UntilAsync(() => run.IsCompleted || Volatile.Read(ref hanging.Count) == 2, "two backups hanging", 60_000);
        await cts.CancelAsync();
        var code = await run.WaitAsync(TimeSpan.FromSeconds(60));
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>iLOs 2 and 3 never answer the backup service's GET (until the client gives up).</summary>
    private static Hanging HangBackups(EmulatedFleet emulated)
    {
        var hanging = new Hanging();
        emulated.Fleet.Overrides.Add(
            (context, ilo) => ilo.Index is 2 or 3 && HttpMethods.IsGet(context.Request.Method)
                && context.Request.Path.Value?.TrimEnd('/').EndsWith("/BackupRestoreService", StringComparison.OrdinalIgnoreCase) == true,
            async (context, _, _) =>
            {
                Interlocked.Increment(ref hanging.Count);
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // The client went away.
                }
            });
        return hanging;
    }

    private sealed class Hanging
    {
        public int Count;
    }
}
