using System.Net;
using IloBackup.Durability;
using IloBackup.Emulator.Faults;
using IloBackup.Emulator.Persistence;
using IloBackup.TestSupport;

namespace IloBackup.Emulator.Tests.BackupRestore;

/// <summary>
/// Issue 6, "Killing the emulator while it applies a restore": the apply is one atomic write of
/// the whole configuration (<c>sram.json</c>: temporary file, fsync, rename). A crash can leave
/// only the old file with a partial or complete temporary beside it, or the new file. Each such
/// state on disk boots wholly the old or wholly the new configuration.
/// </summary>
public sealed class RestoreCrashWindowTests
{
    public enum CrashPoint
    {
        BeforeTheTemporaryFile,
        TemporaryHalfWritten,
        TemporaryWrittenNotRenamed,
        AfterTheRename,
    }

    [Theory]
    [InlineData(CrashPoint.BeforeTheTemporaryFile)]
    [InlineData(CrashPoint.TemporaryHalfWritten)]
    [InlineData(CrashPoint.TemporaryWrittenNotRenamed)]
    [InlineData(CrashPoint.AfterTheRename)]
    public async Task A_crash_inside_the_apply_boots_wholly_the_old_or_wholly_the_new_configuration(CrashPoint crash)
    {
        using var state = new TempDirectory();
        var sram = Path.Combine(state.Path, "ilo-0", "sram.json");
        string oldJson, newJson;
        byte[] oldBytes, newBytes;
        await using (var emulator = await EmulatorFixture.StartAsync(stateDirectory: state.Path))
        {
            var ilo = emulator.Fleet[0];
            var (client, token, _) = await emulator.LoginAsync();
            using (client)
            {
                BackupRestoreKit.Configure(ilo, "new");
                var (_, backup) = await BackupRestoreKit.BackupAsync(client);
                newJson = BackupRestoreKit.Json(ilo.Configuration);
                BackupRestoreKit.Configure(ilo, "old");
                oldJson = BackupRestoreKit.Json(ilo.Configuration);
                oldBytes = await File.ReadAllBytesAsync(sram);
                using var restore = await client.SendAsync(BackupRestoreKit.RestoreRequest(backup, token));
                Assert.Equal(HttpStatusCode.OK, restore.StatusCode);
            }

            Assert.Equal(newJson, BackupRestoreKit.Json(ilo.Configuration));
            newBytes = await File.ReadAllBytesAsync(sram);
        }

        Assert.NotEqual(oldJson, newJson);
        var temporary = Path.Combine(Path.GetDirectoryName(sram)!, ".sram.json.0badc0de.tmp");
        switch (crash)
        {
            case CrashPoint.BeforeTheTemporaryFile:
                await File.WriteAllBytesAsync(sram, oldBytes);
                break;
            case CrashPoint.TemporaryHalfWritten:
                await File.WriteAllBytesAsync(sram, oldBytes);
                await File.WriteAllBytesAsync(temporary, newBytes[..(newBytes.Length / 2)]);
                break;
            case CrashPoint.TemporaryWrittenNotRenamed:
                await File.WriteAllBytesAsync(sram, oldBytes);
                await File.WriteAllBytesAsync(temporary, newBytes);
                break;
            default:
                break;
        }

        await using (var restarted = await EmulatorFixture.StartAsync(stateDirectory: state.Path))
        {
            var booted = BackupRestoreKit.Json(restarted.Fleet[0].Configuration);
            Assert.Equal(crash == CrashPoint.AfterTheRename ? newJson : oldJson, booted);
            Assert.False(File.Exists(temporary), "the temporary file of the interrupted write is removed at boot");
        }
    }

    [Theory]
    [InlineData(AtomicWritePoint.BeforeWrite)]
    [InlineData(AtomicWritePoint.TempPartial)]
    [InlineData(AtomicWritePoint.TempSynced)]
    [InlineData(AtomicWritePoint.Renamed)]
    [InlineData(AtomicWritePoint.DirectorySynced)]
    public async Task A_restore_stalled_at_a_named_point_leaves_the_state_a_crash_there_would(AtomicWritePoint point)
    {
        using var state = new TempDirectory();
        var folder = Path.Combine(state.Path, "ilo-0");
        var sram = Path.Combine(folder, "sram.json");
        byte[] oldBytes, onDisk;
        string[] temporaries;
        Task<HttpResponseMessage> restore;
        await using (var emulator = await EmulatorFixture.StartAsync(stateDirectory: state.Path))
        {
            var ilo = emulator.Fleet[0];
            var (client, token, _) = await emulator.LoginAsync();
            using (client)
            {
                BackupRestoreKit.Configure(ilo, "new");
                var (_, backup) = await BackupRestoreKit.BackupAsync(client);
                BackupRestoreKit.Configure(ilo, "old");
                oldBytes = await File.ReadAllBytesAsync(sram);
                var faults = IloFaults.Of(ilo);
                faults.Set([new FaultSpec { Kind = FaultKind.RestoreStall, Value = (int)point }], seed: 1);
                restore = client.SendAsync(BackupRestoreKit.RestoreRequest(backup, token));
                await Polling.UntilAsync(() => faults.TotalHits == 1 || restore.IsCompleted, "the restore apply stalled at " + point, 60_000);
                Assert.False(restore.IsCompleted);

                // The apply is parked inside the write: what a crash here would leave is on the disk now.
                onDisk = await File.ReadAllBytesAsync(sram);
                temporaries = Directory.GetFiles(folder, ".sram.json.*.tmp");
            }
        }

        // The fleet stopped: the stalled write was abandoned and the restore failed.
        try
        {
            using var response = await restore;
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        }
        catch (HttpRequestException)
        {
        }
        catch (OperationCanceledException)
        {
        }

        if (point < AtomicWritePoint.Renamed)
        {
            Assert.Equal(oldBytes, onDisk);
        }
        else
        {
            Assert.NotEqual(oldBytes, onDisk);
        }

        Assert.Equal(point is AtomicWritePoint.TempPartial or AtomicWritePoint.TempSynced ? 1 : 0, temporaries.Length);
    }

    [Fact]
    public void The_state_folder_is_fsynced_after_a_rename_on_Linux_and_the_helper_degrades_elsewhere()
    {
        using var state = new TempDirectory();
        Assert.Equal(OperatingSystem.IsLinux(), DirectorySync.Flush(state.Path));
        Assert.False(DirectorySync.Flush(Path.Combine(state.Path, "missing")));
    }
}
