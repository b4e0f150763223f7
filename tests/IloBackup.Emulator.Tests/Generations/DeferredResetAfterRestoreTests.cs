using System.Net;
using IloBackup.Emulator.BackupRestore;
using IloBackup.Emulator.Tests.BackupRestore;

namespace IloBackup.Emulator.Tests.Generations;

/// <summary>
/// Issue 14 with issue 16: an accepted restore quiets the iLO (503 with Retry-After) until its reset
/// would start; when the internal backup defers that reset, the iLO is up making its backup and
/// serves again (its Event Log tells a client why it waits), but refuses a second restore until it
/// has reset (docs/emulator.md, "Hostile clients").
/// </summary>
public sealed class DeferredResetAfterRestoreTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task During_a_deferred_reset_reads_are_served_and_a_second_restore_is_refused()
    {
        await using var emulator = await EmulatorFixture.StartAsync(configure: o => o with
        {
            Generation = 7,
            BackupRestore = o.BackupRestore with { InternalBackupDuration = Duration },
        });
        var ilo = emulator.Fleet[0];
        BackupRestoreKit.Configure(ilo, "saved");
        emulator.Time.Advance(Duration);
        var (client, token, _) = await emulator.LoginAsync();
        using (client)
        {
            var (_, file) = await BackupRestoreKit.BackupAsync(client);
            BackupRestoreKit.Configure(ilo, "changed");
            emulator.Time.Advance(Duration);
            using var restore = await client.SendAsync(BackupRestoreKit.RestoreRequest(file, token));
            Assert.Equal(HttpStatusCode.OK, restore.StatusCode);

            using (var quiet = await emulator.Client().GetAsync("/redfish/v1/"))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, quiet.StatusCode);
                Assert.True(quiet.Headers.RetryAfter is not null, "503 carries Retry-After");
            }

            emulator.Time.Advance(emulator.Fleet.Options.BackupRestore.RestoreResetDelay);
            Assert.Equal(1, BackupRestoreFeature.Of(ilo).DeferredResets);
            using (var root = await emulator.Client().GetAsync("/redfish/v1/"))
            {
                Assert.Equal(HttpStatusCode.OK, root.StatusCode);
            }

            var (again, againToken, _) = await emulator.LoginAsync();
            using (again)
            {
                using var second = await again.SendAsync(BackupRestoreKit.RestoreRequest(file, againToken));
                Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
            }

            Assert.True(ilo.IsReachable);
            emulator.Time.Advance(Duration);
            Assert.False(ilo.IsReachable);
        }
    }
}
