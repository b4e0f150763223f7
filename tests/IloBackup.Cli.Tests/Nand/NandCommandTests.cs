namespace IloBackup.Cli.Tests.Nand;

public sealed class NandCommandTests
{
    [Fact]
    public async Task Create_list_restore_delete()
    {
        await using var ilo = await SingleIloFixture.StartAsync();
        var (created, createdOut, _) = await CliRun.RunAsync(ilo.Args("nand", ilo.Host, "create"));
        Assert.Equal(ExitCodes.Ok, created);
        Assert.StartsWith("1\t", createdOut, StringComparison.Ordinal);
        var (restored, restoredOut, error) = await CliRun.RunAsync(ilo.Args("nand", ilo.Host, "restore", "1", "--yes", "--poll-interval", "20ms"));
        Assert.True(restored == ExitCodes.Ok, error);
        Assert.Contains("the iLO is back", restoredOut, StringComparison.Ordinal);
        var (deleted, _, _) = await CliRun.RunAsync(ilo.Args("nand", ilo.Host, "delete", "1"));
        Assert.Equal(ExitCodes.Ok, deleted);
        var (_, listOut, _) = await CliRun.RunAsync(ilo.Args("nand", ilo.Host, "list"));
        Assert.Contains("no backup kept", listOut, StringComparison.Ordinal);
        var (usage, _, usageError) = await CliRun.RunAsync(ilo.Args("nand", ilo.Host, "delete"));
        Assert.Equal(ExitCodes.Usage, usage);
        Assert.Contains("needs the backup's ID", usageError, StringComparison.Ordinal);
        var (unknown, _, _) = await CliRun.RunAsync(ilo.Args("nand", ilo.Host, "explode"));
        Assert.Equal(ExitCodes.Usage, unknown);
    }
}
