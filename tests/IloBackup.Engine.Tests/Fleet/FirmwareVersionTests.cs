using IloBackup.Engine.Fleet;

namespace IloBackup.Engine.Tests.Fleet;

public sealed class FirmwareVersionTests
{
    [Theory]
    [InlineData("iLO 5", "2.78", "iLO 5", "2.78", false)]
    [InlineData("iLO 5", "2.78", "iLO 5", "2.80", true)]
    [InlineData("iLO 5", "2.9", "iLO 5", "2.10", true)]
    [InlineData("iLO 5", "3.01", "iLO 5", "2.99", false)]
    [InlineData("iLO 5", "iLO 5 v2.78", "iLO 5", "2.78", false)]
    [InlineData("iLO 6", "1.10", "iLO 6", "1.10.2", true)]
    [InlineData("iLO 5", "2.78", "iLO 6", "1.10", true)]
    [InlineData("iLO 5", null, "iLO 5", "2.78", true)]
    public void Older_firmware_is_detected(string? genBefore, string? before, string? genNow, string? now, bool older) =>
        Assert.Equal(older, FirmwareVersion.IsOlder(genBefore, before, genNow, now));
}
