using IloBackup.Engine.Identity;
using System.Text.Json.Nodes;
using IloBackup.Engine.Metadata;

namespace IloBackup.Engine.Tests.Metadata;

public sealed class BackupMetadataTests
{
    [Fact]
    public async Task Round_trips_through_the_sidecar_file()
    {
        var directory = Directory.CreateTempSubdirectory("meta-").FullName;
        var file = Path.Combine(directory, "HPE_MXQ78407Z2_20261123_2130.bak");
        await File.WriteAllTextAsync(file, "content");
        var metadata = new BackupMetadata
        {
            FileName = Path.GetFileName(file), Identity = new IloIdentity("MXQ78407Z2", "DL360", "867959-B21", "iLO 6", "1.10"),
            CreatedUtc = DateTimeOffset.Parse("2026-11-23T21:30:00Z", System.Globalization.CultureInfo.InvariantCulture),
            SizeBytes = 7, Sha256 = "ed7002b439e9ac845f22357d822bac1444730fbdb6016d3ec9432297b9ec9f73", PasswordProtected = true,
            Snapshot = new JsonObject { ["formatVersion"] = 1 },
        };
        await BackupMetadataFile.WriteAsync(BackupMetadataFile.SidecarPath(file), metadata, CancellationToken.None);
        var read = await BackupMetadataFile.TryReadAsync(file, CancellationToken.None);
        Assert.Equal(metadata with { Snapshot = null }, read! with { Snapshot = null });
        Assert.Equal("""{"formatVersion":1}""", read.Snapshot!.ToJsonString());

        var info = await BackupFileInfo.DescribeAsync(file, CancellationToken.None);
        Assert.Equal(BackupFileKnowledge.Metadata, info.Knowledge);
        Assert.True(info.MatchesMetadata);
        Assert.Equal(2, Directory.GetFiles(directory).Length);
        Directory.Delete(directory, true);
    }

    [Theory]
    [InlineData("HPE_MXQ78407Z2_20230220_1813.bak", "MXQ78407Z2")]
    [InlineData("/some/dir/HPE_TWA22525A7_20221208_1512.bak", "TWA22525A7")]
    [InlineData("backup.bak", null)]
    [InlineData("HPE_.bak", null)]
    public void The_serial_comes_from_the_iLO_file_name(string name, string? serial) =>
        Assert.Equal(serial, BackupFileName.TryGetSerialNumber(name));

    [Theory]
    [InlineData("HPE_X_1.bak", true)]
    [InlineData("../x.bak", false)]
    [InlineData(".hidden", false)]
    [InlineData("", false)]
    public void Only_plain_file_names_are_used(string name, bool safe) => Assert.Equal(safe, BackupFileName.IsSafe(name));
}
