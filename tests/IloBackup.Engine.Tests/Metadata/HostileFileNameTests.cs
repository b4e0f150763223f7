using IloBackup.Engine.Metadata;

namespace IloBackup.Engine.Tests.Metadata;

/// <summary>Issue 11, items 4 and 7: a backup is named from the verified identity; the iLO's name gives only its time.</summary>
public sealed class HostileFileNameTests
{
    private static readonly DateTimeOffset Clock = new(2026, 12, 3, 9, 41, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("MXQ12345AB", "HPE_MXQ99999ZZ_20261101_0815.bak", "HPE_MXQ12345AB_20261101_0815.bak")]
    [InlineData("x/../../../../escaped/pwn", "HPE_x/../../../../escaped/pwn_20261101_0815.bak", "HPE_xescapedpwn_20261101_0815.bak")]
    [InlineData("MXQ\u001b[2J1", null, "HPE_MXQ2J1_20261203_0941.bak")]
    [InlineData(null, "weird.bin", "HPE_UNKNOWN_20261203_0941.bak")]
    [InlineData("../..", "HPE_A_20261399_9999.bak", "HPE_UNKNOWN_20261203_0941.bak")]
    [InlineData("CZ-J1234", "/bkupdata/../HPE_CZ_20250102_0304.bak", "HPE_CZ-J1234_20250102_0304.bak")]
    public void The_name_comes_from_the_identity_and_only_the_time_from_the_ilo(string? serial, string? ilosName, string expected) =>
        Assert.Equal(expected, BackupFileName.FromIdentity(serial, ilosName, Clock));

    [Fact]
    public void A_serial_is_cut_to_64_safe_characters() =>
        Assert.Equal(new string('A', 64), BackupFileName.SafeSerial(new string('A', 100) + "/x"));

    [Fact]
    public void A_path_outside_its_folder_is_refused()
    {
        var folder = Path.Combine(Path.GetTempPath(), "out");
        Assert.Equal(Path.Combine(folder, "a.bak"), BackupFileName.EnsureInside(folder, Path.Combine(folder, "a.bak")));
        Assert.Throws<IOException>(() => BackupFileName.EnsureInside(folder, Path.Combine(folder, "..", "a.bak")));
        Assert.Throws<IOException>(() => BackupFileName.EnsureInside(folder, Path.Combine(folder, "sub", "a.bak")));
        Assert.Throws<IOException>(() => BackupFileName.EnsureInside(folder, "/etc/a.bak"));
    }
}
