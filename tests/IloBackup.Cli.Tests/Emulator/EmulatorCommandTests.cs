using System.Net;
using IloBackup.Cli.Emulator;

namespace IloBackup.Cli.Tests.Emulator;

public sealed class EmulatorCommandTests : IDisposable
{
    private readonly string _state = Path.Combine(Path.GetTempPath(), "ilobackup-cli-emu-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(_state))
        {
            Directory.Delete(_state, recursive: true);
        }
    }

    [Fact]
    public async Task Prints_one_line_per_ilo_then_ready_writes_the_inventory_and_exits_130_on_ctrl_c()
    {
        using var output = new StringWriter();
        var console = new CliConsole(output, TextWriter.Null, TextReader.Null, isInteractive: false);
        var inventory = Path.Combine(_state, "inventory.yaml");
        using var stop = new CancellationTokenSource();
        string? password = null;
        var code = await EmulatorCommand.RunAsync(
            new EmulatorSettings { Port = 0, Count = 3, StateDirectory = _state, InventoryOut = inventory },
            console,
            async fleet =>
            {
                password = fleet.AdminPassword;
                using var client = new HttpClient(fleet.CreatePinnedSocketsHandler(2)) { BaseAddress = fleet[2].BaseUrl };
                using var root = await client.GetAsync(new Uri("/redfish/v1/", UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, root.StatusCode);
                await stop.CancelAsync();
            },
            stop.Token);

        Assert.Equal(ExitCodes.Interrupted, code);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("ilo 0: https://127.0.0.1:", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("ilo 2: https://127.0.0.1:", lines[2], StringComparison.Ordinal);
        Assert.Contains(" SHA256:", lines[1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("admin password (generated", StringComparison.Ordinal) && l.EndsWith(password!, StringComparison.Ordinal));
        var ready = Assert.Single(lines, l => l.Contains("ready", StringComparison.Ordinal));
        Assert.Matches("control http://127\\.0\\.0\\.1:\\d+$", ready);
        var secretFile = Path.Combine(_state, "control-secret");
        Assert.Contains($", control-secret-file {secretFile}, ", ready, StringComparison.Ordinal);
        var secret = (await File.ReadAllTextAsync(secretFile)).Trim();
        Assert.Matches("^[0-9A-F]{64}$", secret);
        Assert.DoesNotContain(secret, output.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("emulator stopped", lines[^1]);

        var yaml = await File.ReadAllTextAsync(inventory);
        Assert.Matches("(?m)^control: http://127\\.0\\.0\\.1:\\d+$", yaml);
        Assert.Equal(3, yaml.Split("  - host: https://127.0.0.1:").Length - 1);
        Assert.Contains("    fingerprint: SHA256:", yaml, StringComparison.Ordinal);
        Assert.Contains($"    password-file: \"{Path.Combine(_state, "admin-password")}\"", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain(password!, yaml, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_state, "admin-password")));
        }

        // A second start keeps the password: no new one is printed.
        using var again = new StringWriter();
        using var stopAgain = new CancellationTokenSource();
        await EmulatorCommand.RunAsync(
            new EmulatorSettings { Port = 0, Count = 1, StateDirectory = _state },
            new CliConsole(again, TextWriter.Null, TextReader.Null, isInteractive: false),
            fleet =>
            {
                Assert.Equal(password, fleet.AdminPassword);
                return stopAgain.CancelAsync();
            },
            stopAgain.Token);
        Assert.DoesNotContain("admin password", again.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--count", "0")]
    [InlineData("--generation", "8")]
    [InlineData("--firmware", "1.12.00")]
    [InlineData("--firmware", "latest")]
    [InlineData("--latency-ms", "-5")]
    [InlineData("--port", "70000")]
    [InlineData("--fault", "meltdown")]
    [InlineData("--fault", "hang:2")]
    [InlineData("--profile", "/nonexistent/faults.json")]
    public async Task Bad_options_are_usage_errors(string option, string value)
    {
        using var error = new StringWriter();
        var console = new CliConsole(TextWriter.Null, error, TextReader.Null, isInteractive: false);
        var code = await CliApp.RunAsync(["emulator", option, value, "--state-dir", _state], console);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith("error: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_every_option()
    {
        using var output = new StringWriter();
        var code = await CliApp.RunAsync(["emulator", "--help"], new CliConsole(output, TextWriter.Null, TextReader.Null, isInteractive: false));
        Assert.Equal(ExitCodes.Ok, code);
        foreach (var option in new[] { "--port", "--count", "--generation", "--firmware", "--admin-user", "--admin-password", "--state-dir", "--http", "--inventory-out", "--latency-ms", "--control-port", "--reset-seconds" })
        {
            Assert.Contains(option, output.ToString(), StringComparison.Ordinal);
        }
    }
}
