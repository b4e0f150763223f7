using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IloBackup.Emulator.Security;
using IloBackup.Emulator.Sessions;
using IloBackup.Emulator.Tests.BackupRestore;

namespace IloBackup.Emulator.Tests.HostileClients;

/// <summary>One user cannot lock everyone out: room is kept for administrators.</summary>
public sealed class SessionReserveTests
{
    [Fact]
    public async Task A_ReadOnly_user_logging_in_150_times_leaves_room_for_the_Administrator()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var ilo = emulator.Fleet[0];
        var (user, password) = BackupRestoreKit.AddAccount(ilo, "reader", IloPrivileges.Login);
        using var client = emulator.Client();
        var created = 0;
        var refused = 0;
        for (var i = 0; i < 150; i++)
        {
            using var response = await client.PostAsJsonAsync("/redfish/v1/SessionService/Sessions/", new JsonObject { ["UserName"] = user, ["Password"] = password });
            if (response.StatusCode == HttpStatusCode.Created)
            {
                created++;
            }
            else
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                refused++;
            }
        }

        Assert.Equal(SessionStore.MaxSessions - SessionStore.AdministratorReserve, created);
        Assert.Equal(150 - created, refused);

        // The Administrator still gets in, and can end the reader's sessions.
        var (admin, _, _) = await emulator.LoginAsync();
        var reader = ilo.Sessions.List(ilo.SessionTimeout).First(s => s.UserName == user);
        using var ended = await admin.DeleteAsync("/redfish/v1/SessionService/Sessions/" + reader.Id);
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
    }

    [Fact]
    public async Task Administrators_may_use_every_session_and_no_more()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var ilo = emulator.Fleet[0];
        for (var i = 0; i < SessionStore.MaxSessions; i++)
        {
            Assert.NotNull(ilo.Sessions.Create("Administrator", "1", mayUseReserve: true));
        }

        Assert.Null(ilo.Sessions.Create("Administrator", "1", mayUseReserve: true));
    }
}
