using IloBackup.Emulator.Hosting;
using IloBackup.TestSupport;

namespace IloBackup.Cli.Tests.Crash;

/// <summary>
/// Issue 6, "Ctrl+C during a backup or a restore": a real CLI process sent SIGINT mid-backup and
/// mid-restore exits 130 with one clean line, logs its session out (the emulator counts open
/// sessions) and leaves no partial file.
/// </summary>
public sealed class InterruptedProcessTests
{
    private const string Password = "sigint-test-password";

    [Fact]
    [Trait("Category", "Crash")]
    public async Task Sigint_during_a_backup_logs_out_leaves_no_file_and_exits_130()
    {
        using var work = new WorkDirectory();
        await using var fleet = await StartAsync(work, backupDuration: TimeSpan.FromSeconds(30), resetDuration: TimeSpan.FromSeconds(1));
        var ilo = fleet[0];
        var output = Directory.CreateDirectory(Path.Combine(work.Path, "out")).FullName;

        using var child = ChildCli.Start(work.Environment(fleet), "backup", ilo.BaseUrl.ToString(), "-o", output, "--user", fleet.AdminUser, "--password-file", fleet.PasswordFile!);
        await Polling.UntilAsync(() => child.HasExited || ilo.Sessions.Count == 1, "the CLI logged in and waits for the backup", 30_000);
        Assert.False(child.HasExited, child.Output);
        await child.InterruptAsync();
        var code = await child.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.True(code == 130, $"exit {code}: {child.Output}");
        Assert.Contains("interrupted", child.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", child.Output, StringComparison.Ordinal);
        Assert.Equal(0, ilo.Sessions.Count);
        Assert.Empty(Directory.EnumerateFileSystemEntries(output));
    }

    [Fact]
    [Trait("Category", "Crash")]
    public async Task Sigint_during_a_restore_exits_130_with_no_session_and_no_file_left()
    {
        using var work = new WorkDirectory();
        await using var fleet = await StartAsync(work, backupDuration: TimeSpan.Zero, resetDuration: TimeSpan.FromSeconds(60));
        var ilo = fleet[0];
        var output = Directory.CreateDirectory(Path.Combine(work.Path, "out")).FullName;
        var environment = work.Environment(fleet);
        string file;
        using (var backup = ChildCli.Start(environment, "backup", ilo.BaseUrl.ToString(), "-o", output, "--no-snapshot", "--user", fleet.AdminUser, "--password-file", fleet.PasswordFile!))
        {
            var backedUp = await backup.WaitForExitAsync(TimeSpan.FromSeconds(60));
            Assert.True(backedUp == 0, backup.Output);
            file = Directory.GetFiles(output, "*.bak").Single();
        }

        var before = Directory.GetFiles(output).Concat(Directory.GetFiles(work.Path)).Order(StringComparer.Ordinal).ToList();
        using var child = ChildCli.Start(environment, "restore", ilo.BaseUrl.ToString(), file, "--yes", "--poll-interval", "200ms", "--user", fleet.AdminUser, "--password-file", fleet.PasswordFile!);
        // The restore is applied, the iLO resets for a minute, and the CLI waits for it to come back.
        await Polling.UntilAsync(() => child.HasExited || !ilo.IsReachable, "the restore applied and the iLO resetting", 30_000);
        Assert.False(child.HasExited, child.Output);
        await child.InterruptAsync();
        var code = await child.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.True(code == 130, $"exit {code}: {child.Output}");
        Assert.DoesNotContain("   at ", child.Output, StringComparison.Ordinal);
        Assert.Equal(0, ilo.Sessions.Count);
        Assert.Equal(before, Directory.GetFiles(output).Concat(Directory.GetFiles(work.Path)).Order(StringComparer.Ordinal).ToList());
    }

    private static Task<EmulatorFleet> StartAsync(WorkDirectory work, TimeSpan backupDuration, TimeSpan resetDuration) =>
        EmulatorFleet.StartAsync(new EmulatorOptions
        {
            Count = 1,
            FirstPort = 0,
            AdminPassword = Password,
            StateDirectory = Path.Combine(work.Path, "state"),
            ResetDuration = resetDuration,
            BackupRestore = new IloBackup.Emulator.BackupRestore.BackupRestoreOptions { BackupDuration = backupDuration },
        });

    private sealed class WorkDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("ilobackup-sigint-").FullName;

        /// <summary>The child's environment: a known_hosts file pinning the emulator's certificate.</summary>
        public Dictionary<string, string> Environment(EmulatorFleet fleet)
        {
            var knownHosts = System.IO.Path.Combine(Path, "known_hosts");
            File.WriteAllLines(knownHosts, fleet.Ilos.Select(i => $"{i.BaseUrl.Host}:{i.BaseUrl.Port} {i.CertificateFingerprint}"));
            return new Dictionary<string, string> { ["ILOBACKUP_KNOWN_HOSTS"] = knownHosts };
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
