using Xunit.Abstractions;

namespace IloBackup.Emulator.Tests.BackupRestore.Clients;

/// <summary>HPE's iLOrest (Debian's <c>ilorest</c>), unchanged, against an emulated iLO on a real HTTPS socket.</summary>
[Collection(RealClients.Name)]
public sealed class IloRestTests(ITestOutputHelper output)
{
    /// <summary>What the seed shows <c>ilorest info CustomBackupandRestore</c> printing.</summary>
    private const string SeedInfo = """
        NAME
            CustomBackupandRestore


        DESCRIPTION
            This property indicates whether a custom backup and restore is
            enabled.


        TYPE
            boolean


        READ-ONLY
            False


        POSSIBLE VALUES
            True or False
        """;

    [ExternalClientFact("ilorest")]
    public async Task Select_and_info_print_what_the_seed_shows()
    {
        await using var emulator = await RealClients.StartAsync();
        var directory = RealClients.WorkingDirectory();
        try
        {
            await IloRestAsync(directory, 0, "login", RealClients.Host(emulator), "-u", RealClients.User, "-p", RealClients.Password);
            await IloRestAsync(directory, 0, "select", "HpeiLOBackupRestoreService.");
            var info = await IloRestAsync(directory, 0, "info", "CustomBackupandRestore");
            var logout = await IloRestAsync(directory, 0, "logout");

            Assert.Contains(Normalize(SeedInfo), Normalize(info), StringComparison.Ordinal);
            Assert.Contains("Logging session out.", logout, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [ExternalClientFact("ilorest")]
    public async Task Backuprestore_backs_up_and_restores_with_a_file_password()
    {
        await using var emulator = await RealClients.StartAsync();
        var ilo = emulator.Fleet[0];
        var saved = RealClients.SavedConfiguration(emulator.Fleet);
        var directory = RealClients.WorkingDirectory();
        try
        {
            var login = new[] { "--url", RealClients.Host(emulator), "-u", RealClients.User, "-p", RealClients.Password };
            var backup = await IloRestAsync(directory, 0, ["backuprestore", "backup", "--filepass", "file-pass-1", .. login]);
            var file = Assert.Single(directory.GetFiles("HPE_*.bak"));
            Assert.Contains("Download complete.", backup, StringComparison.Ordinal);
            Assert.StartsWith($"HPE_{ilo.Identity.ServerSerial}_", file.Name, StringComparison.Ordinal);
            BackupRestoreKit.Configure(ilo, "changed");
            var changed = BackupRestoreKit.Json(ilo.Configuration);

            var noPassword = await IloRestAsync(directory, null, ["backuprestore", "restore", "-f", file.Name, .. login]);
            Assert.Contains("Error while uploading the backup file", noPassword, StringComparison.Ordinal);
            Assert.Equal(changed, BackupRestoreKit.Json(ilo.Configuration));
            Assert.Contains("(InvalidPassword)", ilo.State.EventLog[^1].Message, StringComparison.Ordinal);

            var restore = await IloRestAsync(directory, 0, ["backuprestore", "restore", "-f", file.Name, "--filepass", "file-pass-1", .. login]);

            Assert.Contains("Restore in progress", restore, StringComparison.Ordinal);
            Assert.Equal(saved, BackupRestoreKit.Json(ilo.Configuration));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [ExternalClientFact("ilorest")]
    public async Task Set_and_commit_change_custom_backup_and_restore()
    {
        await using var emulator = await RealClients.StartAsync();
        var directory = RealClients.WorkingDirectory();
        try
        {
            await IloRestAsync(directory, 0, "login", RealClients.Host(emulator), "-u", RealClients.User, "-p", RealClients.Password);
            await IloRestAsync(directory, 0, "select", "HpeiLOBackupRestoreService.");
            await IloRestAsync(directory, 0, "set", "CustomBackupandRestore=True");
            await IloRestAsync(directory, 0, "commit");
            await IloRestAsync(directory, 0, "logout");

            Assert.True(IloBackup.Emulator.BackupRestore.BackupRestoreFeature.Of(emulator.Fleet[0]).CustomBackupAndRestore);
            Assert.Contains(emulator.Fleet[0].State.EventLog, e => e.Message.StartsWith("Custom backup and restore enabled by ilo-user", StringComparison.Ordinal));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [ExternalClientFact("ilorest")]
    public async Task Set_works_on_other_types_through_their_inferred_schemas()
    {
        await using var emulator = await RealClients.StartAsync();
        var directory = RealClients.WorkingDirectory();
        try
        {
            await IloRestAsync(directory, 0, "login", RealClients.Host(emulator), "-u", RealClients.User, "-p", RealClients.Password);
            await IloRestAsync(directory, 0, "select", "HpeiLOSnmpService.");
            var info = await IloRestAsync(directory, 0, "info", "Contact");
            await IloRestAsync(directory, 0, "set", "Contact=ops-team");
            await IloRestAsync(directory, 0, "commit");
            await IloRestAsync(directory, 0, "logout");

            Assert.Contains("READ-ONLY", info, StringComparison.Ordinal);
            Assert.Equal("ops-team", emulator.Fleet[0].Configuration.Snmp.Contact);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string Normalize(string text) =>
        string.Join('\n', text.Replace("\r", "", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0));

    private async Task<string> IloRestAsync(DirectoryInfo directory, int? expectedExitCode, params string[] arguments)
    {
        var (exitCode, stdout, stderr) = await ExternalClient.RunAsync("/usr/bin/ilorest", arguments, directory.FullName);
        output.WriteLine($"ilorest {arguments[0]} {(arguments.Length > 1 ? arguments[1] : "")} -> {exitCode}\n{stdout}{stderr}");
        if (expectedExitCode is { } expected)
        {
            Assert.True(expected == exitCode, $"ilorest {string.Join(' ', arguments.Take(2))} exited {exitCode}: {stdout}{stderr}");
        }

        return stdout + stderr;
    }
}
