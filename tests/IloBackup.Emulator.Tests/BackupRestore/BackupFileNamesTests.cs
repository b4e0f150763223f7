using IloBackup.Emulator.BackupRestore;

namespace IloBackup.Emulator.Tests.BackupRestore;

public sealed class BackupFileNamesTests
{
    [Fact]
    public void Names_follow_the_ilo_pattern_in_utc()
    {
        var time = new DateTimeOffset(2022, 12, 8, 16, 12, 59, TimeSpan.FromHours(1));

        Assert.Equal("HPE_TWA22525A7_20221208_1512.bak", BackupFileNames.For("TWA22525A7", time));
    }

    [Theory]
    [InlineData("HPE_TWA22525A7_20221208_1512.bak", true)]
    [InlineData("HPE_MXQ78407Z2_20230220_1813.bak", true)]
    [InlineData("HPE_TWA22525A7_20221208_1512.bak/", false)]
    [InlineData("../HPE_TWA22525A7_20221208_1512.bak", false)]
    [InlineData("HPE_TWA2252/5A7_20221208_1512.bak", false)]
    [InlineData("HPE__20221208_1512.bak", false)]
    [InlineData("custom-backup.bak", false)]
    [InlineData("HPE_X_2022120_1512.bak", false)]
    [InlineData("hpe_X_20221208_1512.BAK", false)]
    [InlineData(null, false)]
    public void Only_backup_names_are_backup_names(string? name, bool expected)
    {
        Assert.Equal(expected, BackupFileNames.IsBackupName(name));
    }

    [Fact]
    public void Padding_raises_the_upload_limit_by_the_padding_and_its_tags()
    {
        var plain = new BackupRestoreOptions();
        var padded = new BackupRestoreOptions { BackupPaddingBytes = 10L * 1024 * 1024 };

        Assert.Equal(BackupRestoreOptions.DefaultMaxUploadBytes, plain.EffectiveUploadLimit);
        Assert.True(padded.EffectiveUploadLimit >= BackupRestoreOptions.DefaultMaxUploadBytes + (10L * 1024 * 1024) + (160 * 16));
    }

    [Fact]
    public void Options_refuse_negative_values()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BackupRestoreOptions { BackupDuration = TimeSpan.FromSeconds(-1) }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new BackupRestoreOptions { BackupPaddingBytes = -1 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new BackupRestoreOptions { MaxUploadBytes = 10 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new BackupRestoreOptions { RestoreResetDelay = TimeSpan.FromSeconds(-1) }.Validate());
    }
}
