namespace IloBackup.Cli.Tests.Nand;

public sealed class NandCommandTests
{
    [Fact]
    public async Task Create_list_restore_delete()
    {
        await using var ilo = await SingleIloFixture.StartAsync();
        var (created, createdOut, _) = await CliRun.RunAsync(ilo.Args("nand", ilo.Host, "create"));
        Assert.Equal(ExitCodes.Ok, created);
        var id = createdOut.Split('\t')[0];
        Assert.Equal("1", id); // iLO's member id of the kept backup
        var (restored, restoredOut, error) = await CliRun.RunAsync(ilo.Args("nand", ilo.Host, "restore", id, "--yes", "--poll-interval", "20ms"));
        Assert.True(restored == ExitCodes.Ok, error);
        Assert.Contains("the iLO is back", restoredOut, StringComparison.Ordinal);
        var (deleted, _, _) = await CliRun.RunAsync(ilo.Args("nand", ilo.Host, "delete", id));
        Assert.Equal(ExitCodes.Ok, deleted);

        // The kept backup is gone from the iLO's NAND (what remains are /bkupdata downloads, named HPE_...).
        Assert.DoesNotContain(ilo.Ilo.Nand.List(), f => !f.Name.StartsWith("HPE_", StringComparison.Ordinal));
        var (listed, _, _) = await CliRun.RunAsync(ilo.Args("nand", ilo.Host, "list"));
        Assert.Equal(ExitCodes.Ok, listed);
        var (usage, _, usageError) = await CliRun.RunAsync(ilo.Args("nand", ilo.Host, "delete"));
        Assert.Equal(ExitCodes.Usage, usage);
        Assert.Contains("needs the backup's ID", usageError, StringComparison.Ordinal);
        var (unknown, _, _) = await CliRun.RunAsync(ilo.Args("nand", ilo.Host, "explode"));
        Assert.Equal(ExitCodes.Usage, unknown);
    }
}
