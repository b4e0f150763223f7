using System.Text;
using IloBackup.Cli.Tests.Fleet;
using IloBackup.Emulator.Faults;
using IloBackup.TestSupport.Logging;
using Xunit.Abstractions;

namespace IloBackup.Cli.Tests.Secrets;

/// <summary>
/// Issue 6: no session token reaches any output of a fleet run. The emulator records every token it
/// hands out (<c>OverrideKit.RecordIssuedTokens</c>), also those of logins whose answer was lost;
/// fleet backup, fleet custom-backup and restore from the repository run healthy and under faults
/// (lost login answer, 503, a connection reset mid-transfer, a restore upload cut short), and every
/// token is searched for in their stdout and stderr (with <c>--verbose</c>), the table, <c>--json</c>,
/// <c>--html</c>, every file of the repository (catalog, sidecars, objects) and of the emulator's
/// state directory, and the emulator's own log and event logs.
/// </summary>
public sealed class FleetTokenLeakTests(ITestOutputHelper output)
{
    private int _faultHits;

    [Fact]
    public async Task Fleet_runs_custom_backup_and_restores_from_the_repository_never_show_a_token_even_under_faults()
    {
        using var emulatorLog = new CapturingLoggerProvider();
        await using var emulated = await EmulatedFleet.StartAsync(4, configure: o => o with { LoggerFactory = emulatorLog });
        var fleet = emulated.Fleet;
        using var recorder = fleet.Overrides.RecordIssuedTokens(out var issued);
        var captured = new List<(string What, string Text)>();
        string[] inventory = ["--inventory", emulated.Inventory];
        string[] repository = ["--repo", emulated.Repository];
        var html = Path.Combine(emulated.Directory, "report.html");
        var faultyHtml = Path.Combine(emulated.Directory, "faulty-report.html");

        await RunAsync(captured, 0, ["fleet", "backup", .. inventory, .. repository, "--html", html, "--verbose"]);
        await RunAsync(captured, 0, ["fleet", "backup", .. inventory, .. repository, "--json", "--verbose"]);
        await RunAsync(captured, 0, ["fleet", "custom-backup", "--enable", .. inventory, "--json", "--verbose"]);
        await RunAsync(captured, 0, ["fleet", "custom-backup", "--disable", .. inventory, "--verbose"]);
        await RunAsync(captured, 0, ["history", .. repository, "--json"]);
        await RunAsync(captured, 0, ["show", "1", .. repository]);
        await RunAsync(captured, 0, ["verify", .. repository, "--json"]);
        await RunAsync(captured, 0, Restore(emulated, 0, "--json"));

        // Under faults, where error paths print messages: a lost login answer (a token the client never
        // saw), 503 with Retry-After, and a connection reset in the middle of a download.
        Set(fleet[1], FaultKind.LoginAnswerLost);
        Set(fleet[2], FaultKind.Unavailable);
        Set(fleet[3], FaultKind.TransferReset, value: 512);
        await RunAsync(captured, 0, ["fleet", "backup", .. inventory, .. repository, "--json", "--html", faultyHtml, "--verbose"]);

        // The error paths were taken (their messages are part of what is searched).
        Assert.Contains("the answer to a login was lost", captured[^1].Text, StringComparison.Ordinal);
        Assert.Contains("logged out 1 session(s) left by lost login answers", captured[^1].Text, StringComparison.Ordinal);
        Assert.Contains("ServiceTemporarilyUnavailable", captured[^1].Text, StringComparison.Ordinal);
        Assert.Contains("Connection reset by peer", captured[^1].Text, StringComparison.Ordinal);
        Set(fleet[1], FaultKind.LoginAnswerLost);
        Set(fleet[2], FaultKind.Unavailable);
        Set(fleet[3], FaultKind.TransferReset, value: 512);
        await RunAsync(captured, 0, ["fleet", "custom-backup", "--enable", .. inventory, "--verbose"]);
        await RunAsync(captured, 0, Restore(emulated, 1));
        await RunAsync(captured, 0, Restore(emulated, 2, "--json"));

        // A restore upload cut short by the iLO: "outcome unknown", never sent again.
        Set(fleet[3], FaultKind.TransferReset, value: 512);
        await RunAsync(captured, 1, Restore(emulated, 3));
        Assert.Contains("may be applying it", captured[^1].Text, StringComparison.Ordinal);

        // A fleet run where one iLO answers 503 until the retries give up and another refuses every login.
        Set(fleet[0], FaultKind.Unavailable, times: 0);
        Set(fleet[1], FaultKind.LoginRefused);
        await RunAsync(captured, 3, ["fleet", "backup", .. inventory, .. repository, "--json", "--verbose", "--deadline", "5s", "--retries", "1"]);
        foreach (var ilo in fleet.Ilos)
        {
            Heal(ilo);
        }

        var tokens = issued.ToArray();
        var faultHits = _faultHits;
        captured.Add(("the emulator's log", emulatorLog.AllText));
        foreach (var ilo in fleet.Ilos)
        {
            captured.Add(($"iLO {ilo.Index} event log and IML", string.Join('\n', ilo.State.EventLog.Concat(ilo.State.Iml).Select(e => e.Message))));
        }

        var files = Directory.GetFiles(emulated.Directory, "*", SearchOption.AllDirectories);
        captured.AddRange(files.Select(f => (f, Encoding.Latin1.GetString(File.ReadAllBytes(f)))));

        Assert.True(tokens.Length >= 30, $"only {tokens.Length} tokens were issued"); // a restore logs in once fewer per step since issue 13
        Assert.True(faultHits >= 10, $"only {faultHits} faults hit");
        Assert.Contains(files, f => f.EndsWith("catalog.db", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("state.json", StringComparison.Ordinal));
        var searched = LeakSearch.AssertAbsent(captured, tokens);
        Assert.All(fleet.Ilos, i => Assert.Equal(0, i.Sessions.Count));
        output.WriteLine($"token leak search: {tokens.Length} tokens issued ({faultHits} faults hit), searched in {captured.Count} outputs and files ({files.Length} files), {searched:N0} characters: none found");
    }

    [Theory]
    [InlineData("token 00112233445566778899AABBCCDDEEFF in a line")]
    [InlineData("lower case 00112233445566778899aabbccddeeff")]
    [InlineData("first half only: 0011223344556677...")]
    [InlineData("second half only: ...8899AABBCCDDEEFF")]
    public void The_search_finds_a_token_whole_lower_case_or_either_half(string text)
    {
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => LeakSearch.AssertAbsent([("a report", text)], ["00112233445566778899AABBCCDDEEFF"]));
        Assert.Equal(text.Length, LeakSearch.AssertAbsent([("a report", text)], ["FEDCBA9876543210FEDCBA9876543211"]));
    }

    private static string[] Restore(EmulatedFleet emulated, int index, params string[] extra)
    {
        var ilo = emulated.Fleet[index];
        return ["restore", ilo.BaseUrl.ToString(), "--repo", emulated.Repository, "--yes", "--verbose",
            "--fingerprint", ilo.CertificateFingerprint, "--user", emulated.Fleet.AdminUser, "--password-file", emulated.Fleet.PasswordFile!,
            "--poll-interval", "100ms", "--deadline", "30s", .. extra];
    }

    private void Set(IloBackup.Emulator.Ilo.VirtualIlo ilo, FaultKind kind, double? value = null, int? times = null)
    {
        _faultHits += IloFaults.Of(ilo).TotalHits;
        IloFaults.Of(ilo).Set([new FaultSpec { Kind = kind, Value = value, Times = times }], seed: 6);
    }

    private void Heal(IloBackup.Emulator.Ilo.VirtualIlo ilo)
    {
        _faultHits += IloFaults.Of(ilo).TotalHits;
        IloFaults.Of(ilo).Set([], seed: 6);
    }

    private static async Task RunAsync(List<(string What, string Text)> captured, int expected, string[] args)
    {
        var (code, stdout, stderr) = await CliRun.RunAsync(args);
        captured.Add((string.Join(' ', args), stdout + "\n" + stderr));
        Assert.True(code == expected, $"exit {code}, expected {expected}: {string.Join(' ', args)}\n{stdout}\n{stderr}");
    }
}
