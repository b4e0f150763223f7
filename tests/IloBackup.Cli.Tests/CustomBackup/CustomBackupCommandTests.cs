using System.Text.Json.Nodes;
using IloBackup.Emulator.BackupRestore;
using IloBackup.Emulator.Ilo;

namespace IloBackup.Cli.Tests.CustomBackup;

public sealed class CustomBackupCommandTests
{
    [Fact]
    public async Task Shows_enables_and_explains_refusals()
    {
        await using var ilo = await SingleIloFixture.StartAsync();
        var (code, output, _) = await CliRun.RunAsync(ilo.Args("custom-backup", ilo.Host, "--json"));
        Assert.Equal(ExitCodes.Ok, code);
        Assert.False(JsonNode.Parse(output)!["enabled"]!.GetValue<bool>());

        var (enabled, enabledOut, _) = await CliRun.RunAsync(ilo.Args("custom-backup", ilo.Host, "--enable"));
        Assert.Equal(ExitCodes.Ok, enabled);
        Assert.Contains("enabled", enabledOut, StringComparison.Ordinal);
        Assert.True(BackupRestoreFeature.Of(ilo.Ilo).CustomBackupAndRestore);

        ilo.Ilo.SetSecurityState(IloSecurityState.FIPS);
        var (refused, _, error) = await CliRun.RunAsync(ilo.Args("custom-backup", ilo.Host, "--enable"));
        Assert.Equal(ExitCodes.Failed, refused);
        Assert.Contains("FIPS", error, StringComparison.Ordinal);

        var (usage, _, _) = await CliRun.RunAsync(ilo.Args("custom-backup", ilo.Host, "--enable", "--disable"));
        Assert.Equal(ExitCodes.Usage, usage);
    }
}
