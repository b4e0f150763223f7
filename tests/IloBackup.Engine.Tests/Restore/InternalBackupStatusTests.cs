using IloBackup.Engine.Identity;
using IloBackup.Engine.Restore;

namespace IloBackup.Engine.Tests.Restore;

/// <summary>Issue 16: which iLOs the restore's reset wait reads the Event Log of, for an internal backup that defers the reset.</summary>
public sealed class InternalBackupStatusTests
{
    [Theory]
    [InlineData("iLO 5", "iLO 5 v2.78", false)]
    [InlineData("iLO 5", "iLO 5 v3.16", true)]
    [InlineData("iLO 6", "iLO 6 v1.70", false)]
    [InlineData("iLO 6", "iLO 6 v1.71", true)]
    [InlineData("iLO 7", "iLO 7 v1.12.00", true)]
    [InlineData("iLO 4", "iLO 4 v2.80", false)]
    [InlineData(null, "2.78", true)]
    [InlineData("iLO 6", null, true)]
    public void Firmware_that_keeps_the_internal_backup_is_read(string? generation, string? firmware, bool expected)
    {
        var identity = new IloIdentity("MXQ1", "ProLiant", "P1", generation, firmware);
        Assert.Equal(expected, InternalBackupStatus.MayDefer(identity));
    }
}
