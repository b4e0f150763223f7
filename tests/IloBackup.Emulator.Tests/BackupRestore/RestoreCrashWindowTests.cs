using System.Net;

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
}
