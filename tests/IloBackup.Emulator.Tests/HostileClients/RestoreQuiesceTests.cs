using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IloBackup.Emulator.Tests.BackupRestore;

namespace IloBackup.Emulator.Tests.HostileClients;

/// <summary>From an accepted restore's 200 until the reset is over, the iLO takes no new work (503 with Retry-After, then refused connections).</summary>
public sealed class RestoreQuiesceTests
{
    [Fact]
    public async Task A_login_right_after_the_200_is_503_with_Retry_After_and_works_once_the_reset_is_over()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var ilo = emulator.Fleet[0];
        var (client, token, _) = await emulator.LoginAsync();
        var (_, file) = await BackupRestoreKit.BackupAsync(client);
        using (var restored = await client.SendAsync(BackupRestoreKit.RestoreRequest(file, token)))
        {
            Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        }

        using var login = await emulator.Client().PostAsJsonAsync("/redfish/v1/SessionService/Sessions/", new JsonObject
        {
            ["UserName"] = emulator.Fleet.AdminUser,
            ["Password"] = EmulatorFixture.Password,
        });
        Assert.Equal("Base.1.12.ServiceTemporarilyUnavailable", await JsonAssert.ErrorAsync(login, HttpStatusCode.ServiceUnavailable));
        var retryAfter = int.Parse(login.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(retryAfter >= (emulator.Fleet.Options.BackupRestore.RestoreResetDelay + emulator.Fleet.Options.ResetDuration).TotalSeconds);
        Assert.Equal(0, ilo.Sessions.Count);

        // Anonymous readiness checks are not fooled either.
        using var root = await emulator.Client().GetAsync("/redfish/v1/");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, root.StatusCode);

        BackupRestoreKit.WaitForReset(emulator, ilo);
        await emulator.LoginAsync();
        Assert.Equal(1, ilo.Sessions.Count);
    }

    [Fact]
    public async Task A_second_restore_right_after_the_200_is_503_and_changes_nothing()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var ilo = emulator.Fleet[0];
        var saved = BackupRestoreKit.Json(BackupRestoreKit.Configure(ilo, "saved"));
        var (client, token, _) = await emulator.LoginAsync();
        var (_, file) = await BackupRestoreKit.BackupAsync(client);
        BackupRestoreKit.Configure(ilo, "changed");
        var (_, other) = await BackupRestoreKit.BackupAsync(client);
        var (again, token2, _) = await emulator.LoginAsync();
        using (var first = await client.SendAsync(BackupRestoreKit.RestoreRequest(file, token)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var logged = ilo.State.EventLog.Count;
        using var second = await again.SendAsync(BackupRestoreKit.RestoreRequest(other, token2));

        Assert.Equal("Base.1.12.ServiceTemporarilyUnavailable", await JsonAssert.ErrorAsync(second, HttpStatusCode.ServiceUnavailable));
        Assert.True(second.Headers.Contains("Retry-After"));
        Assert.Equal(saved, BackupRestoreKit.Json(ilo.Configuration));
        Assert.Equal(logged, ilo.State.EventLog.Count);
        emulator.Time.Advance(emulator.Fleet.Options.BackupRestore.RestoreResetDelay);
        Assert.False(ilo.IsReachable);
    }
}
