using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IloBackup.Cli.Tests.Emulator;

/// <summary>A fault profile given on the command line takes effect on the iLOs it names.</summary>
public sealed class EmulatorProfileTests : IDisposable
{
    private readonly string _state = Path.Combine(Path.GetTempPath(), "ilobackup-cli-profile-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(_state))
        {
            Directory.Delete(_state, recursive: true);
        }
    }

    [Theory]
    [InlineData("profile.json", """{ "seed": 3, "faults": [ { "kind": "login-refused", "share": 1.0 } ] }""")]
    [InlineData("profile.yaml", "seed: 3\nfaults:\n  - kind: login-refused\n    share: 1.0\n")]
    public async Task A_login_refused_profile_for_the_whole_fleet_refuses_the_right_password(string name, string text)
    {
        Directory.CreateDirectory(_state);
        var profile = Path.Combine(_state, name);
        await File.WriteAllTextAsync(profile, text);
        var port = FreePort();
        using var output = new StringWriter();
        var synchronized = TextWriter.Synchronized(output);
        var console = new CliConsole(synchronized, TextWriter.Null, TextReader.Null, isInteractive: false);
        using var stop = new CancellationTokenSource();
        var run = CliApp.RunAsync(
            ["emulator", "--count", "1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--http",
             "--state-dir", Path.Combine(_state, "emu"), "--admin-user", "admin", "--admin-password", "profile-test-pw1",
             "--profile", profile],
            console,
            stop.Token);
        try
        {
            await WaitForReadyAsync(output, run);
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            using var body = new StringContent("""{"UserName":"admin","Password":"profile-test-pw1"}""", Encoding.UTF8, "application/json");
            using var login = await client.PostAsync(new Uri("/redfish/v1/SessionService/Sessions/", UriKind.Relative), body);
            Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        }
        finally
        {
            await stop.CancelAsync();
        }

        Assert.Equal(ExitCodes.Interrupted, await run);
    }

    [Fact]
    public async Task A_bad_yaml_profile_is_a_usage_error_naming_the_file_and_the_line()
    {
        Directory.CreateDirectory(_state);
        var profile = Path.Combine(_state, "bad.yml");
        await File.WriteAllTextAsync(profile, "seed: 3\nfaults:\n  - kind: hang\n    colour: red\n");
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(["emulator", "--state-dir", Path.Combine(_state, "emu"), "--profile", profile], new CliConsole(TextWriter.Null, error, TextReader.Null, isInteractive: false));
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains($"{profile}: line 4: unknown fault key 'colour'", error.ToString(), StringComparison.Ordinal);
    }

    private static async Task WaitForReadyAsync(StringWriter output, Task<int> run)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!ReadyIn(output))
        {
            Assert.False(run.IsCompleted, "the emulator stopped before it was ready: " + output);
            await Task.Delay(50, limit.Token);
        }
    }

    private static bool ReadyIn(StringWriter output)
    {
        lock (output)
        {
            return output.ToString().Contains("ready", StringComparison.Ordinal);
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
