using IloBackup.Durability;

namespace IloBackup.Redfish.Tests.Storage;

public sealed class DirectorySyncTests
{
    [Fact]
    public void A_folder_is_fsynced_on_Linux_and_the_helper_degrades_without_throwing_elsewhere()
    {
        var folder = Directory.CreateTempSubdirectory("ilobackup-dirsync-").FullName;
        try
        {
            var file = Path.Combine(folder, "renamed");
            File.WriteAllText(file + ".tmp", "x");
            File.Move(file + ".tmp", file);
            Assert.Equal(OperatingSystem.IsLinux(), DirectorySync.FlushParentOf(file));
            Assert.Equal(OperatingSystem.IsLinux(), DirectorySync.Flush(folder));
            Assert.False(DirectorySync.Flush(Path.Combine(folder, "missing")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
