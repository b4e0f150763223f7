using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using IloBackup.Cli.Tests.Fleet;
using IloBackup.TestSupport;

namespace IloBackup.Cli.Tests.Serve;

/// <summary><c>serve --baseline FILE</c>: a bad file stops it before anything starts; a good one puts drift on the dashboard.</summary>
public sealed partial class ServeBaselineTests : IAsyncLifetime
{
    private EmulatedFleet _fleet = null!;

    public async Task InitializeAsync() => _fleet = await EmulatedFleet.StartAsync(1);

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    [Fact]
    public async Task A_bad_baseline_file_is_a_usage_error_before_anything_starts()
    {
        var baseline = Path.Combine(_fleet.Directory, "baseline.yaml");
        await File.WriteAllTextAsync(baseline, "default:\n  ntp: [a]\n");

        var (code, _, error) = await CliRun.RunAsync("serve", "--repo", _fleet.Repository, "--inventory", _fleet.Inventory, "--baseline", baseline, "--once");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith($"error: --baseline: {baseline}:2: unknown key 'ntp' in baseline 'default'", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_fleet.Repository));
    }

    [Fact]
    public async Task The_dashboard_shows_drift_from_the_baseline_file()
    {
        var (backup, backupOut, backupErr) = await CliRun.RunAsync("fleet", "backup", "--inventory", _fleet.Inventory, "--repo", _fleet.Repository);
        Assert.True(backup == 0, backupOut + backupErr);
        var (tokenCode, token, _) = await CliRun.RunAsync("serve", "token", "add", "ci", "--role", "viewer", "--repo", _fleet.Repository);
        Assert.Equal(0, tokenCode);
        var baseline = Path.Combine(_fleet.Directory, "baseline.yaml");
        await File.WriteAllTextAsync(baseline, "default:\n  ntp-servers: [ntp-nowhere.example.com]\n");
        using var output = new LockedWriter();
        using var error = new LockedWriter();
        using var stop = new CancellationTokenSource();
        var console = new CliConsole(output, error, new StringReader(string.Empty), isInteractive: false);
        var serve = CliApp.RunAsync(
            ["serve", "--repo", _fleet.Repository, "--inventory", _fleet.Inventory, "--listen", "127.0.0.1:0", "--no-tls", "--baseline", baseline, "--schedule", "0 2 1 1 *"],
            console, stop.Token);

        await Polling.UntilAsync(() => output.ToString().Contains("serve: schedule", StringComparison.Ordinal) || serve.IsCompleted, "serve to listen", 60_000);
        Assert.False(serve.IsCompleted, error.ToString());
        using var handler = new HttpClientHandler();
        using var client = new HttpClient(handler) { BaseAddress = new Uri(ListeningOn().Match(output.ToString()).Groups[1].Value) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());
        using var page = await client.GetAsync(new Uri("/drift", UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("1 servers · 0 matching · 1 drifted", html, StringComparison.Ordinal);
        Assert.Contains("ntp-nowhere.example.com", html, StringComparison.Ordinal);
        await stop.CancelAsync();
        Assert.Equal(0, await serve);
    }

    [GeneratedRegex(@"serve: listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();
}
