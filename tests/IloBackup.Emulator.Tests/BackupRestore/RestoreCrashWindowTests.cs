using System.Net;
using IloBackup.Durability;
using IloBackup.Emulator.Persistence;

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

    [Fact]
    public async Task The_restore_apply_passes_the_named_points_in_order_and_each_leaves_the_state_a_crash_there_would()
    {
        using var state = new TempDirectory();
        var folder = Path.Combine(state.Path, "ilo-0");
        var sram = Path.Combine(folder, "sram.json");
        var seen = new List<(AtomicWritePoint Point, byte[] Sram, byte[][] Temporaries)>();

        // At TempPartial the writer still holds the temporary file (locked): only its length can be read there.
        void Observe(AtomicWritePoint point) => seen.Add((point, File.ReadAllBytes(sram),
            [.. Directory.GetFiles(folder, ".sram.json.*.tmp").Select(f => point == AtomicWritePoint.TempPartial ? new byte[new FileInfo(f).Length] : File.ReadAllBytes(f))]));
        await using var emulator = await EmulatorFixture.StartAsync(stateDirectory: state.Path,
            configure: o => o with { BackupRestore = o.BackupRestore with { RestoreApplyHook = Observe } });
        var ilo = emulator.Fleet[0];
        var (client, token, _) = await emulator.LoginAsync();
        using (client)
        {
            BackupRestoreKit.Configure(ilo, "new");
            var (_, backup) = await BackupRestoreKit.BackupAsync(client);
            BackupRestoreKit.Configure(ilo, "old");
            Assert.Empty(seen); // configuration changes other than a restore do not call the hook
            var oldBytes = await File.ReadAllBytesAsync(sram);
            using var restore = await client.SendAsync(BackupRestoreKit.RestoreRequest(backup, token));
            Assert.Equal(HttpStatusCode.OK, restore.StatusCode);
            var newBytes = await File.ReadAllBytesAsync(sram);
            Assert.NotEqual(oldBytes, newBytes);

            Assert.Equal(Enum.GetValues<AtomicWritePoint>(), seen.Select(s => s.Point));
            Assert.All(seen.Take(3), s => Assert.Equal(oldBytes, s.Sram));
            Assert.All(seen.Skip(3), s => Assert.Equal(newBytes, s.Sram));
            Assert.Empty(seen[0].Temporaries);
            Assert.Equal(newBytes.Length / 2, Assert.Single(seen[1].Temporaries).Length);
            Assert.Equal(newBytes, Assert.Single(seen[2].Temporaries));
            Assert.Empty(seen[3].Temporaries);
            Assert.Empty(seen[4].Temporaries);
        }
    }

    [Fact]
    public void The_state_folder_is_fsynced_after_a_rename_on_Linux_and_the_helper_degrades_elsewhere()
    {
        using var state = new TempDirectory();
        Assert.Equal(OperatingSystem.IsLinux(), DirectorySync.Flush(state.Path));
        Assert.False(DirectorySync.Flush(Path.Combine(state.Path, "missing")));
    }
}
