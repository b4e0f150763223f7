namespace IloBackup.Cli.Tests.Nand;

public sealed class NandCommandTests
{
    [Fact]
    public async Task Create_list_restore_delete()
    {
        await using var ilo = await SingleIloFixture.StartAsync();
        var (created, createdOut, _) = await CliRun.RunAsync(ilo.Args("nand", "create", ilo.Host));
        Assert.Equal(ExitCodes.Ok, created);
        Assert.StartsWith("1\t", createdOut, StringComparison.Ordinal);
        var (restored, restoredOut, error) = await CliRun.RunAsync(ilo.Args("nand", "restore", ilo.Host, "1", "--yes"));
        Assert.True(restored == ExitCodes.Ok, error);
        Assert.Contains("the iLO is back", restoredOut, StringComparison.Ordinal);
        var (deleted, _, _) = await CliRun.RunAsync(ilo.Args("nand", "delete", ilo.Host, "1"));
        Assert.Equal(ExitCodes.Ok, deleted);
        var (_, listOut, _) = await CliRun.RunAsync(ilo.Args("nand", "list", ilo.Host));
        Assert.Contains("no backup kept", listOut, StringComparison.Ordinal);
    }
}
