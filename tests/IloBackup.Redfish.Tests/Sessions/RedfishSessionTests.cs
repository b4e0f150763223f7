using System.Net;
using IloBackup.Emulator.Accounts;
using IloBackup.Emulator.Hosting;
using IloBackup.Emulator.Security;
using IloBackup.Redfish.Errors;
using IloBackup.TestSupport.Logging;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Redfish.Tests.Sessions;

public sealed class RedfishSessionTests
{
    private const string SessionsPath = "/redfish/v1/SessionService/Sessions/";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Dispose_logs_out_with_absolute_or_relative_location(bool absolute)
    {
        await using var fleet = await EmulatedIlo.StartAsync();
        using var relative = absolute ? null : fleet.Overrides.RewriteHeader(0, "POST", SessionsPath, "Location", l => new Uri(l!).AbsolutePath);
        using var logouts = CountLogouts(fleet, out var count);
        using var client = EmulatedIlo.Client(fleet);
        await using (var session = await client.LoginAsync(CancellationToken.None))
        {
            Assert.Equal(1, fleet[0].Sessions.Count);
            Assert.Equal(fleet.AdminUser, session.UserName);
            Assert.True(await session.IsActiveAsync(CancellationToken.None));
        }

        Assert.Equal(0, fleet[0].Sessions.Count);
        Assert.Equal(1, count());
    }

    [Theory]
    [InlineData("https://[fe80::1]")]
    [InlineData("https://[2001:db8::7]:8443")]
    [InlineData("https://ilo-rack1.example.com:443")]
    public async Task Logout_uses_only_the_path_of_an_absolute_location_whatever_its_host_and_port(string authority)
    {
        await using var fleet = await EmulatedIlo.StartAsync();
        using var elsewhere = fleet.Overrides.RewriteHeader(0, "POST", SessionsPath, "Location", l => authority + new Uri(l!).AbsolutePath);
        using var logouts = CountLogouts(fleet, out var count);
        using var client = EmulatedIlo.Client(fleet);
        await (await client.LoginAsync(CancellationToken.None)).DisposeAsync();
        Assert.Equal(0, fleet[0].Sessions.Count);
        Assert.Equal(1, count());
    }

    [Fact]
    public async Task Wrong_password_is_an_authentication_error_naming_the_user_not_the_password()
    {
        await using var fleet = await EmulatedIlo.StartAsync();
        using var client = EmulatedIlo.Client(fleet, password: "not-the-password");
        var error = await Assert.ThrowsAsync<RedfishAuthenticationException>(() => client.LoginAsync(CancellationToken.None));
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains($"'{fleet.AdminUser}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("wrong user name or password", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", error.ToString(), StringComparison.Ordinal);
        Assert.True(error.HasMessage("NoValidSession"));
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task Logout_after_the_iLO_ended_the_session_is_tolerated()
    {
        await using var fleet = await EmulatedIlo.StartAsync();
        using var client = EmulatedIlo.Client(fleet);
        var session = await client.LoginAsync(CancellationToken.None);
        fleet[0].EndAllSessions();
        Assert.False(await session.IsActiveAsync(CancellationToken.None));
        await session.DisposeAsync();
        Assert.True(session.IsLoggedOut);
    }

    [Fact]
    public async Task Logs_never_contain_the_password_token_or_session_uri()
    {
        await using var fleet = await EmulatedIlo.StartAsync();
        var logs = new CapturingLoggerProvider();
        using var client = EmulatedIlo.Client(fleet, logs: logs);
        string token, sessionId;
        await using (var session = await client.LoginAsync(CancellationToken.None))
        {
            var live = Assert.Single(fleet[0].Sessions.List(fleet[0].SessionTimeout));
            (token, sessionId) = (live.Token, live.Id);
            await session.GetAsync("/redfish/v1/Managers/1/", CancellationToken.None);
            Assert.True(await session.IsActiveAsync(CancellationToken.None));
        }

        var text = logs.AllText;
        Assert.Contains("logged in as " + fleet.AdminUser, text, StringComparison.Ordinal);
        Assert.Contains("Sessions/***", text, StringComparison.Ordinal);
        Assert.DoesNotContain(EmulatedIlo.Password, text, StringComparison.Ordinal);
        Assert.DoesNotContain(token, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(sessionId, text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Operator_gets_a_privilege_error_on_a_configuration_change()
    {
        await using var fleet = await EmulatedIlo.StartAsync();
        new AccountsModel(fleet[0]).Create("operator", null, "0perator-pw", IloRoles.PrivilegesOf("Operator")!.Value, "test");
        using var client = EmulatedIlo.Client(fleet, "operator", "0perator-pw");
        await using var session = await client.LoginAsync(CancellationToken.None);
        var error = await Assert.ThrowsAsync<RedfishPrivilegeException>(() => session.PatchAsync(
            "/redfish/v1/Managers/1/BackupRestoreService/", new System.Text.Json.Nodes.JsonObject { ["CustomBackupandRestore"] = true },
            CancellationToken.None));
        Assert.True(error.HasMessage("InsufficientPrivilege"));
        Assert.Contains("privilege", error.Message, StringComparison.Ordinal);
    }

    private static IDisposable CountLogouts(EmulatorFleet fleet, out Func<int> count) => fleet.Overrides.CountAnswers(
        c => HttpMethods.IsDelete(c.Request.Method) && c.Request.Path.StartsWithSegments("/redfish/v1/SessionService/Sessions", StringComparison.OrdinalIgnoreCase),
        StatusCodes.Status200OK, out count);
}
