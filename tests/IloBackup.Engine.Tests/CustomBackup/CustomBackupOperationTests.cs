using IloBackup.Engine.CustomBackup;
using IloBackup.Emulator.BackupRestore;
using IloBackup.Emulator.Ilo;
using IloBackup.TestSupport.Emulation;

namespace IloBackup.Engine.Tests.CustomBackup;

public sealed class CustomBackupOperationTests
{
    [Fact]
    public async Task Shows_and_sets_the_flag()
    {
        await using var fleet = await TestIlo.StartInProcessAsync();
        using var client = TestIloClient.Create(fleet);
        var operation = new CustomBackupOperation(client);
        var status = await operation.GetAsync(CancellationToken.None);
        Assert.True(status.Supported);
        Assert.False(status.Enabled);
        var after = await operation.SetAsync(true, CancellationToken.None);
        Assert.True(after.Enabled);
        Assert.True(BackupRestoreFeature.Of(fleet[0]).CustomBackupAndRestore);
        Assert.Equal(0, fleet[0].Sessions.Count);
    }

    [Fact]
    public async Task Old_firmware_is_explained()
    {
        await using var fleet = await TestIlo.StartInProcessAsync(o => o with { Firmware = "2.55" });
        using var client = TestIloClient.Create(fleet);
        var operation = new CustomBackupOperation(client);
        var status = await operation.GetAsync(CancellationToken.None);
        Assert.False(status.Supported);
        Assert.Contains("2.72", status.Explanation, StringComparison.Ordinal);
        var error = await Assert.ThrowsAsync<CustomBackupUnavailableException>(() => operation.SetAsync(true, CancellationToken.None));
        Assert.Contains("2.55", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fips_is_explained_before_asking_the_iLO()
    {
        await using var fleet = await TestIlo.StartInProcessAsync();
        fleet[0].SetSecurityState(IloSecurityState.FIPS);
        using var log = fleet.Overrides.RecordRequests(out var requests);
        using var client = TestIloClient.Create(fleet);
        var error = await Assert.ThrowsAsync<CustomBackupUnavailableException>(() => new CustomBackupOperation(client).SetAsync(true, CancellationToken.None));
        Assert.Contains("FIPS", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(requests, r => r.StartsWith("PATCH", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("iLO 6", "1.05", true)]
    [InlineData("iLO 6", "1.10", false)]
    [InlineData("iLO 5", "2.78", false)]
    public void The_iLO_6_1_05_quirk_is_noted(string generation, string firmware, bool noted) =>
        Assert.Equal(noted, CustomBackupRules.CoverageNote(new Identity.IloIdentity("S", "P", "I", generation, firmware)) is not null);
}
