using System.Text.Json.Nodes;
using IloBackup.TestSupport.Emulation;

namespace IloBackup.Cli.Tests.Restore;

public sealed class RestoreCommandTests
{
    private static async Task<string> BackupAsync(SingleIloFixture ilo, int index = 0)
    {
        var (code, _, error) = await CliRun.RunAsync(ilo.Args("backup", ilo.HostOf(index), "-o", ilo.Directory));
        Assert.True(code == ExitCodes.Ok, error);
        return ilo.BackupFile();
    }

    private static void SetHostName(SingleIloFixture ilo, string name) =>
        ilo.Ilo.UpdateConfiguration(c => c with { Network = c.Network with { HostName = name } });

    [Fact]
    public async Task Restore_yes_undoes_a_later_change_and_returns_once_verified()
    {
        await using var ilo = await SingleIloFixture.StartAsync();
        var file = await BackupAsync(ilo);
        var hostName = ilo.Ilo.Configuration.Network.HostName;
        SetHostName(ilo, "renamed-by-mistake");
        var (code, output, error) = await CliRun.RunAsync(ilo.Args("restore", ilo.Host, file, "--yes", "--poll-interval", "20ms"));
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Equal(hostName, ilo.Ilo.Configuration.Network.HostName);
        Assert.Contains("matches the snapshot taken at backup time", output, StringComparison.Ordinal);
        Assert.Contains("resetting", error, StringComparison.Ordinal);
        Assert.Equal(0, ilo.Ilo.Sessions.Count);
    }

    [Fact]
    public async Task Without_yes_and_no_terminal_nothing_is_uploaded()
    {
        await using var ilo = await SingleIloFixture.StartAsync();
        var file = await BackupAsync(ilo);
        var (code, _, error) = await CliRun.RunAsync(ilo.Args("restore", ilo.Host, file));
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--yes", error, StringComparison.Ordinal);
        Assert.Equal(0, ilo.Restores);
    }

    [Fact]
    public async Task A_foreign_file_is_refused_before_upload_and_dry_run_changes_nothing()
    {
        // A backup of another server (iLO 1), restored onto iLO 0.
        await using var ilo = await SingleIloFixture.StartAsync(count: 2);
        var file = await BackupAsync(ilo, index: 1);
        var serial = ilo.Ilo.Identity.ServerSerial;
        var (code, output, error) = await CliRun.RunAsync(ilo.Args("restore", ilo.Host, file, "--yes"));
        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("refused before upload", error, StringComparison.Ordinal);
        Assert.Contains(serial, output, StringComparison.Ordinal);
        Assert.DoesNotContain(ilo.Requests, r => r.Contains("uploadRestoreFile", StringComparison.Ordinal));

        var (dryCode, dryOut, dryError) = await CliRun.RunAsync(ilo.Args("restore", ilo.Host, file, "--force", "--dry-run", "--json"));
        Assert.True(dryCode == ExitCodes.Ok, dryError);
        var plan = JsonNode.Parse(dryOut)!;
        Assert.False(plan["blocked"]!.GetValue<bool>());
        Assert.True(plan["problems"]![0]!["canForce"]!.GetValue<bool>());
        Assert.Equal(0, ilo.Restores);
    }

    [Fact]
    public async Task A_file_with_nothing_known_needs_force()
    {
        await using var ilo = await SingleIloFixture.StartAsync();
        var file = Path.Combine(ilo.Directory, "some.bak");
        await File.WriteAllTextAsync(file, "opaque");
        var (code, _, error) = await CliRun.RunAsync(ilo.Args("restore", ilo.Host, file, "--yes"));
        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("nothing is known about this file", error, StringComparison.Ordinal);
        Assert.Contains("--force", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_credentials_after_the_restore_come_from_a_file()
    {
        await using var ilo = await SingleIloFixture.StartAsync();
        var file = await BackupAsync(ilo);
        var newPassword = Path.Combine(ilo.Directory, "new-password");
        await File.WriteAllTextAsync(newPassword, TestIlo.OperatorPassword);
        var (code, output, error) = await CliRun.RunAsync(ilo.Args("restore", ilo.Host, file, "--yes", "--poll-interval", "20ms",
            "--new-user", TestIlo.OperatorUser, "--new-password-file", newPassword, "--json"));
        Assert.True(code == ExitCodes.Ok, error);
        var result = JsonNode.Parse(output)!;
        Assert.True(result["identityMatches"]!.GetValue<bool>());
        Assert.True(result["resetObserved"]!.GetValue<bool>());
        Assert.DoesNotContain(TestIlo.OperatorPassword, output + error, StringComparison.Ordinal);
    }
}
