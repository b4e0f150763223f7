using IloBackup.Engine.Backup;
using IloBackup.Integration.Tests.Hostile;

namespace IloBackup.Integration.Tests.SingleIlo;

/// <summary>
/// A backup file holds the iLO's user database, SNMP communities and license keys (§4): like the
/// repository's objects (docs/repository.md, "File modes"), a backup written into a folder is readable
/// by its owner only, whatever the umask, from its first byte (the staging file is made 0600).
/// </summary>
public sealed class BackupFileModeTests
{
    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    [Fact]
    public async Task A_backup_into_a_folder_is_readable_by_its_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes
        }

        await using var ilo = await HostileIlo.StartAsync();
        var output = Path.Combine(ilo.Directory, "out") + "/";
        using var client = ilo.Client();

        var result = await new BackupOperation(client).RunAsync(new BackupRequest(), new FolderSink(output), null, CancellationToken.None);

        Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(result.FilePath) & GroupOrOthers);
        Assert.True(File.GetUnixFileMode(result.FilePath).HasFlag(UnixFileMode.UserRead));
    }

    [Fact]
    public async Task The_cli_backup_writes_its_file_owner_only_also_over_a_readable_one()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes
        }

        await using var ilo = await HostileIlo.StartAsync();
        var folder = Directory.CreateDirectory(Path.Combine(ilo.Directory, "out")).FullName;
        var named = Path.Combine(folder, "ilo.bak");
        await File.WriteAllTextAsync(named, "an older backup");
        File.SetUnixFileMode(named, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var (code, _, stderr) = await HostileCli.RunAsync(["backup", ilo.Url(), "-o", folder + "/", .. ilo.Login]);
        Assert.True(code == 0, stderr);
        (code, _, stderr) = await HostileCli.RunAsync(["backup", ilo.Url(), "-o", named, "--overwrite", .. ilo.Login]);
        Assert.True(code == 0, stderr);

        var files = Directory.GetFiles(folder, "*.bak");
        Assert.Equal(2, files.Length);
        foreach (var file in files)
        {
            Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(file) & GroupOrOthers);
        }
    }
}
