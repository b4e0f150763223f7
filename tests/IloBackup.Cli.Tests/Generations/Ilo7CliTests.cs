using IloBackup.Cli.Tests.Fleet;
using IloBackup.Emulator.BackupRestore;

namespace IloBackup.Cli.Tests.Generations;

/// <summary>
/// Issue 16: <c>ilobackup</c> against emulated iLO 7s (HTTPS on loopback, real clock), through the CLI
/// in process: the emulator command, backup and restore by file, a fleet run, restore by serial, the demo.
/// </summary>
public sealed class Ilo7CliTests
{
    private static Task<EmulatedFleet> StartIlo7Async(int count, TimeSpan internalBackup) =>
        EmulatedFleet.StartAsync(count, configure: o => o with
        {
            Generation = 7,
            BackupRestore = o.BackupRestore with { InternalBackupDuration = internalBackup },
        });

    private static string[] Login(EmulatedFleet emulated, int index) =>
        ["--fingerprint", emulated.Fleet[index].CertificateFingerprint, "--user", emulated.Fleet.AdminUser, "--password-file", emulated.Fleet.PasswordFile!];

    [Fact]
    public async Task The_emulator_command_starts_ilo_7s()
    {
        var state = Directory.CreateTempSubdirectory("cli-ilo7-emu-").FullName;
        using var output = new StringWriter();
        var synchronized = TextWriter.Synchronized(output);
        using var stop = new CancellationTokenSource();
        var run = CliApp.RunAsync(
            ["emulator", "--generation", "7", "--count", "2", "--port", "0", "--state-dir", state, "--internal-backup-seconds", "2"],
            new CliConsole(synchronized, TextWriter.Null, TextReader.Null, isInteractive: false),
            stop.Token);
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (!Text(output).Contains("ready", StringComparison.Ordinal))
            {
                Assert.False(run.IsCompleted, "the emulator stopped before it was ready: " + Text(output));
                await Task.Delay(50, limit.Token);
            }

            var lines = Text(output).Split('\n').Where(l => l.StartsWith("ilo ", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, lines.Count);
            Assert.All(lines, l => Assert.Contains("Gen12", l, StringComparison.Ordinal));
            Assert.All(lines, l => Assert.Contains(" iLO 7 v1.12.00 ", l, StringComparison.Ordinal));
        }
        finally
        {
            await stop.CancelAsync();
            Assert.Equal(ExitCodes.Interrupted, await run);
            Directory.Delete(state, recursive: true);
        }
    }

    [Fact]
    public async Task Backup_and_restore_by_file_and_the_restore_says_it_waits_for_the_internal_backup()
    {
        await using var emulated = await StartIlo7Async(1, TimeSpan.FromSeconds(8)); // long enough to be seen on a loaded machine
        var ilo = emulated.Fleet[0];
        ilo.UpdateConfiguration(c => c with { Network = c.Network with { HostName = "gen12-a" } });
        var output = Path.Combine(emulated.Directory, "files") + "/";
        var (code, stdout, error) = await CliRun.RunAsync(["backup", ilo.BaseUrl.ToString(), "--output", output, .. Login(emulated, 0)]);
        Assert.True(code == ExitCodes.Ok, stdout + error);
        var file = Assert.Single(Directory.GetFiles(output, "*.bak"));

        ilo.UpdateConfiguration(c => c with { Network = c.Network with { HostName = "changed" } });
        (code, stdout, error) = await CliRun.RunAsync(
            ["restore", ilo.BaseUrl.ToString(), file, "--yes", "--poll-interval", "100ms", "--deadline", "60s", .. Login(emulated, 0)]);

        Assert.True(code == ExitCodes.Ok, stdout + error);
        Assert.Equal("gen12-a", ilo.Configuration.Network.HostName);
        Assert.Contains("making its internal backup and defers its reset", error, StringComparison.Ordinal);
        // The reset came when the internal backup in progress had completed (a change made meanwhile
        // may start another one after the reset: only the one before the reset counts).
        var log = ilo.State.EventLog.Select(e => e.Message).ToList();
        var reset = log.FindLastIndex(m => m.StartsWith("iLO reset: configuration restored", StringComparison.Ordinal));
        Assert.True(reset >= 0, "the iLO reset");
        var started = log.FindLastIndex(reset, m => m == BackupRestoreFeature.InternalBackupStartedMessage);
        var completed = log.FindLastIndex(reset, m => m == BackupRestoreFeature.InternalBackupCompletedMessage);
        Assert.True(started >= 0 && completed > started, "the reset came after the internal backup completed");
    }

    [Fact]
    public async Task A_fleet_backup_then_a_restore_by_serial_after_a_board_replacement()
    {
        await using var emulated = await StartIlo7Async(2, TimeSpan.FromMilliseconds(500));
        var ilo = emulated.Fleet[1];
        ilo.UpdateConfiguration(c => c with { Network = c.Network with { HostName = "gen12-b" } });
        var (code, stdout, error) = await CliRun.RunAsync("fleet", "backup", "--inventory", emulated.Inventory, "--repo", emulated.Repository, "--json");
        Assert.True(code == ExitCodes.Ok, stdout + error);
        Assert.Contains("1.12.00", stdout, StringComparison.Ordinal);

        ilo.ReplaceSystemBoard(TimeSpan.Zero);
        Assert.NotEqual("gen12-b", ilo.Configuration.Network.HostName);
        (code, stdout, error) = await CliRun.RunAsync(
            ["restore", ilo.BaseUrl.ToString(), "--repo", emulated.Repository, "--yes", "--json", "--poll-interval", "100ms", "--deadline", "60s", .. Login(emulated, 1)]);

        Assert.True(code == ExitCodes.Ok, stdout + error);
        Assert.Equal("gen12-b", ilo.Configuration.Network.HostName);
        Assert.Contains(ilo.Identity.ServerSerial, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_runs_on_ilo_7()
    {
        var (code, stdout, error) = await CliRun.RunAsync("demo", "--count", "2", "--generation", "7");

        Assert.True(code == ExitCodes.Ok, stdout + error);
        Assert.Contains("(iLO 7 firmware 1.12.00)", stdout, StringComparison.Ordinal);
        Assert.Contains("demo passed", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_refuses_an_unknown_generation()
    {
        var (code, _, error) = await CliRun.RunAsync("demo", "--generation", "4");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--generation must be 5, 6 or 7", error, StringComparison.Ordinal);
    }

    private static string Text(StringWriter output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

}
