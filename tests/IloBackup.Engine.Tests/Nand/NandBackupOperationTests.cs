using IloBackup.Engine.Nand;
using IloBackup.Engine.Restore;
using IloBackup.TestSupport.Emulation;

namespace IloBackup.Engine.Tests.Nand;

public sealed class NandBackupOperationTests
{
    [Fact]
    public async Task Create_list_restore_and_delete()
    {
        await using var fleet = await TestIlo.StartInProcessAsync(o => o.WithShortReset());
        using var client = TestIloClient.Create(fleet);
        var nand = new NandBackupOperation(client);
        var list = await nand.CreateAsync(CancellationToken.None);
        var file = Assert.Single(list.Files);
        Assert.Equal(1, list.Allowed);
        Assert.Equal("1", file.Id);
        Assert.Equal(fleet[0].Identity.FirmwareVersion, file.FirmwareVersion); // iLO's form in BackupFiles: 2.78

        var result = await nand.RestoreAsync(file.Id,
            new RestoreRequest { FilePath = "-", PollInterval = TimeSpan.FromMilliseconds(5), Deadline = TimeSpan.FromSeconds(20) },
            null, CancellationToken.None);
        Assert.True(result.IdentityMatches);
        Assert.True(result.ResetObserved);

        // The kept backup is the NAND file that is not a /bkupdata download (those are named HPE_...).
        Assert.Contains(fleet[0].Nand.List(), f => !f.Name.StartsWith("HPE_", StringComparison.Ordinal));
        await nand.DeleteAsync(file.Id, CancellationToken.None);
        Assert.DoesNotContain(fleet[0].Nand.List(), f => !f.Name.StartsWith("HPE_", StringComparison.Ordinal));
        var missing = await Assert.ThrowsAsync<Redfish.Errors.RedfishProtocolException>(() => nand.DeleteAsync("9", CancellationToken.None));
        Assert.Contains("no NAND backup", missing.Message, StringComparison.Ordinal);
        Assert.Equal(0, fleet[0].Sessions.Count);
    }
}
