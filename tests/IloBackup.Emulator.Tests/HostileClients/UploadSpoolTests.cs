using System.Net;
using IloBackup.Emulator.Tests.BackupRestore;

namespace IloBackup.Emulator.Tests.HostileClients;

/// <summary>Restore uploads are spooled under the state directory, never the system temp folder, and leftovers go at start.</summary>
public sealed class UploadSpoolTests
{
    [Fact]
    public async Task A_leftover_spool_file_is_removed_at_boot_and_uploads_are_spooled_under_the_state_directory()
    {
        using var state = new TempDirectory();
        var spool = Path.Combine(state.Path, "spool");
        Directory.CreateDirectory(spool);
        var leftover = Path.Combine(spool, "ilo-upload-0123456789abcdef0123456789abcdef.tmp");
        await File.WriteAllTextAsync(leftover, "part of a backup cut by SIGKILL");
        var unrelated = Path.Combine(spool, "notes.txt");
        await File.WriteAllTextAsync(unrelated, "not ours");

        await using var emulator = await EmulatorFixture.StartAsync(stateDirectory: state.Path);

        Assert.False(File.Exists(leftover));
        Assert.True(File.Exists(unrelated));
        var directory = emulator.Fleet.Options.BackupRestore.UploadDirectory!;
        Assert.Equal(Path.GetFullPath(spool), Path.GetFullPath(directory));

        // An upload is spooled there (seen as it is created), and gone once answered.
        using var watcher = new FileSystemWatcher(spool, "ilo-upload-*.tmp");
        var created = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        watcher.Created += (_, e) => created.TrySetResult(e.FullPath);
        watcher.EnableRaisingEvents = true;
        var (client, token, _) = await emulator.LoginAsync();
        var (_, file) = await BackupRestoreKit.BackupAsync(client);
        using (var restored = await client.SendAsync(BackupRestoreKit.RestoreRequest(file, token)))
        {
            Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        }

        var spooled = await created.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(Path.GetFullPath(spool), Path.GetDirectoryName(Path.GetFullPath(spooled)));
        Assert.Empty(Directory.GetFiles(spool, "ilo-upload-*.tmp"));
    }

    [Fact]
    public async Task An_in_memory_fleet_spools_in_a_directory_of_its_own_removed_when_it_stops()
    {
        string directory;
        await using (var emulator = await EmulatorFixture.StartAsync())
        {
            directory = emulator.Fleet.Options.BackupRestore.UploadDirectory!;
            Assert.True(Directory.Exists(directory));
            Assert.NotEqual(Path.GetFullPath(Path.GetTempPath()).TrimEnd('/'), Path.GetFullPath(directory).TrimEnd('/'));
        }

        Assert.False(Directory.Exists(directory));
    }
}
