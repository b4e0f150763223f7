namespace IloBackup.Cli.Tests.Fleet;

public sealed class RestoreFromRepositoryCommandTests
{
    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, new CliConsole(output, error, TextReader.Null, isInteractive: false));
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task After_a_board_replacement_the_newest_backup_of_the_servers_serial_is_restored()
    {
        await using var emulated = await EmulatedFleet.StartAsync(2);
        var ilo = emulated.Fleet[1];
        ilo.UpdateConfiguration(c => c with { Network = c.Network with { HostName = "web-07" } });
        var (code, _, error) = await RunAsync("fleet", "backup", "--inventory", emulated.Inventory, "--repo", emulated.Repository, "--json");
        Assert.True(code == 0, error);

        ilo.ReplaceSystemBoard(TimeSpan.Zero);
        Assert.NotEqual("web-07", ilo.Configuration.Network.HostName);
        (code, var output, error) = await RunAsync(
            "restore", ilo.BaseUrl.ToString(), "--repo", emulated.Repository, "--yes", "--json",
            "--fingerprint", ilo.CertificateFingerprint, "--user", emulated.Fleet.AdminUser, "--password-file", emulated.Fleet.PasswordFile!,
            "--poll-interval", "100ms", "--deadline", "120s");

        Assert.True(code == 0, output + error);
        Assert.Equal("web-07", ilo.Configuration.Network.HostName);
        Assert.Contains(ilo.Identity.ServerSerial, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_without_backups_in_the_repository_is_a_clear_error()
    {
        await using var emulated = await EmulatedFleet.StartAsync(1);
        var other = Path.Combine(emulated.Directory, "other-repo");
        await (await Engine.Repository.BackupRepository.OpenAsync(other, null, CancellationToken.None)).DisposeAsync();

        var (code, _, error) = await RunAsync(
            "restore", emulated.Fleet[0].BaseUrl.ToString(), "--repo", other, "--yes",
            "--fingerprint", emulated.Fleet[0].CertificateFingerprint, "--user", emulated.Fleet.AdminUser, "--password-file", emulated.Fleet.PasswordFile!);
        Assert.Equal(1, code);
        Assert.Contains($"no good backup of server {emulated.Fleet[0].Identity.ServerSerial}", error, StringComparison.Ordinal);
        Assert.Equal(0, emulated.Fleet[0].Sessions.Count);
    }

    [Fact]
    public async Task File_and_repository_cannot_both_be_given()
    {
        var (code, _, error) = await RunAsync("restore", "https://127.0.0.1:1", "x.bak", "--repo", "r", "--yes");
        Assert.Equal(2, code);
        Assert.Contains("not both", error, StringComparison.Ordinal);
    }
}
