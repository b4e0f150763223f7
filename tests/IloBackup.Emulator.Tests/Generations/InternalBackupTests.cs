using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IloBackup.Emulator.BackupRestore;
using IloBackup.Emulator.Tests.BackupRestore;

namespace IloBackup.Emulator.Tests.Generations;

/// <summary>
/// Issue 16: the always-present internal backup of iLO 5 3.16+, iLO 6 1.71+ and iLO 7 (HPE advisory
/// a00150678en_us), on the fake clock: the two Event Log messages, and resets that wait for it.
/// </summary>
public sealed class InternalBackupTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(20);

    private static Task<EmulatorFixture> StartAsync(int generation, string? firmware) =>
        EmulatorFixture.StartAsync(configure: o => o with
        {
            Generation = generation,
            Firmware = firmware,
            BackupRestore = o.BackupRestore with { InternalBackupDuration = Duration },
        });

    [Theory]
    [InlineData(5, "3.16", true)]
    [InlineData(5, "3.15", false)]
    [InlineData(6, "1.71", true)]
    [InlineData(6, "1.70", false)]
    [InlineData(7, "1.12.00", true)]
    public async Task A_configuration_change_starts_it_behind_the_firmware_version(int generation, string firmware, bool expected)
    {
        await using var emulator = await StartAsync(generation, firmware);
        var ilo = emulator.Fleet[0];
        var feature = BackupRestoreFeature.Of(ilo);

        BackupRestoreKit.Configure(ilo, "changed");

        Assert.Equal(expected, feature.HasInternalBackup);
        Assert.Equal(expected, feature.InternalBackupInProgress);
        Assert.Equal(expected, ilo.State.EventLog.Any(e => e.Message == BackupRestoreFeature.InternalBackupStartedMessage));
        emulator.Time.Advance(Duration);
        Assert.False(feature.InternalBackupInProgress);
        Assert.Equal(expected, ilo.State.EventLog.Any(e => e.Message == BackupRestoreFeature.InternalBackupCompletedMessage));
    }

    [Fact]
    public async Task A_manager_reset_requested_meanwhile_waits_for_the_backup_to_complete()
    {
        await using var emulator = await StartAsync(6, "1.71");
        var ilo = emulator.Fleet[0];
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            BackupRestoreKit.Configure(ilo, "changed");
            emulator.Time.Advance(TimeSpan.FromSeconds(5));

            using var reset = await client.PostAsJsonAsync("/redfish/v1/Managers/1/Actions/Manager.Reset", new JsonObject { ["ResetType"] = "ForceRestart" });

            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
            Assert.True(ilo.IsReachable);
            Assert.Equal(1, BackupRestoreFeature.Of(ilo).DeferredResets);
            Assert.Contains("deferred until the backup operation completes", ilo.State.EventLog[^1].Message, StringComparison.Ordinal);
            emulator.Time.Advance(TimeSpan.FromSeconds(14));
            Assert.True(ilo.IsReachable);

            emulator.Time.Advance(TimeSpan.FromSeconds(1));

            Assert.False(ilo.IsReachable);
            Assert.Equal(0, ilo.Sessions.Count);
            var messages = ilo.State.EventLog.Select(e => e.Message).ToList();
            Assert.True(messages.IndexOf(BackupRestoreFeature.InternalBackupCompletedMessage) < messages.FindIndex(m => m.StartsWith("iLO reset: requested by", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task Without_a_backup_in_progress_a_reset_is_immediate()
    {
        await using var emulator = await StartAsync(5, "3.16");
        var ilo = emulator.Fleet[0];
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            using var reset = await client.PostAsJsonAsync("/redfish/v1/Managers/1/Actions/Manager.Reset", new JsonObject { ["ResetType"] = "ForceRestart" });
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
            Assert.False(ilo.IsReachable);
        }
    }

    [Fact]
    public async Task The_reset_after_a_restore_waits_for_the_internal_backup_the_restore_started()
    {
        await using var emulator = await StartAsync(7, null);
        var ilo = emulator.Fleet[0];
        var saved = BackupRestoreKit.Json(BackupRestoreKit.Configure(ilo, "saved"));
        emulator.Time.Advance(Duration);
        var (client, token, _) = await emulator.LoginAsync();
        using (client)
        {
            var (_, file) = await BackupRestoreKit.BackupAsync(client);
            BackupRestoreKit.Configure(ilo, "changed");
            emulator.Time.Advance(Duration);
            using var restore = await client.SendAsync(BackupRestoreKit.RestoreRequest(file, token));
            Assert.Equal(HttpStatusCode.OK, restore.StatusCode);
            Assert.Equal(saved, BackupRestoreKit.Json(ilo.Configuration));
            Assert.True(BackupRestoreFeature.Of(ilo).InternalBackupInProgress);

            emulator.Time.Advance(emulator.Fleet.Options.BackupRestore.RestoreResetDelay);
            Assert.True(ilo.IsReachable);
            Assert.Equal(1, BackupRestoreFeature.Of(ilo).DeferredResets);

            emulator.Time.Advance(Duration - emulator.Fleet.Options.BackupRestore.RestoreResetDelay);
            Assert.False(ilo.IsReachable);
            Assert.Contains(ilo.State.EventLog, e => e.Message == "iLO reset: configuration restored from a backup file.");
        }
    }

    [Fact]
    public async Task A_change_during_the_backup_is_picked_up_by_another_one_and_zero_turns_it_off()
    {
        await using (var emulator = await StartAsync(7, null))
        {
            var ilo = emulator.Fleet[0];
            BackupRestoreKit.Configure(ilo, "one");
            BackupRestoreKit.Configure(ilo, "two");
            emulator.Time.Advance(Duration);
            Assert.True(BackupRestoreFeature.Of(ilo).InternalBackupInProgress);
            emulator.Time.Advance(Duration);
            Assert.False(BackupRestoreFeature.Of(ilo).InternalBackupInProgress);
            Assert.Equal(2, ilo.State.EventLog.Count(e => e.Message == BackupRestoreFeature.InternalBackupCompletedMessage));
        }

        await using var off = await EmulatorFixture.StartAsync(configure: o => o with
        {
            Generation = 7,
            BackupRestore = o.BackupRestore with { InternalBackupDuration = TimeSpan.Zero },
        });
        BackupRestoreKit.Configure(off.Fleet[0], "x");
        Assert.DoesNotContain(off.Fleet[0].State.EventLog, e => e.Message.StartsWith("Backup operation", StringComparison.Ordinal));
    }
}
