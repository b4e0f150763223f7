using System.Net;
using IloBackup.Redfish.Errors;
using IloBackup.TestSupport.FakeIlo;
using IloBackup.TestSupport.Logging;

namespace IloBackup.Redfish.Tests.Sessions;

public sealed class RedfishSessionTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Dispose_logs_out_with_absolute_or_relative_location(bool absolute)
    {
        await using var fake = await FakeIlo.StartInProcessAsync();
        fake.AbsoluteLocation = absolute;
        using var client = FakeIloClient.Create(fake);
        await using (var session = await client.LoginAsync(CancellationToken.None))
        {
            Assert.Single(fake.Sessions);
            Assert.Equal("admin", session.UserName);
            Assert.True(await session.IsActiveAsync(CancellationToken.None));
        }

        Assert.Empty(fake.Sessions);
        Assert.Equal(1, fake.Logouts);
    }

    [Theory]
    [InlineData("https://[fe80::1]")]
    [InlineData("https://[2001:db8::7]:8443")]
    [InlineData("https://ilo-rack1.example.com:443")]
    public async Task Logout_uses_only_the_path_of_an_absolute_location_whatever_its_host_and_port(string authority)
    {
        await using var fake = await FakeIlo.StartInProcessAsync();
        fake.LocationAuthority = authority;
        using var client = FakeIloClient.Create(fake);
        await (await client.LoginAsync(CancellationToken.None)).DisposeAsync();
        Assert.Empty(fake.Sessions);
        Assert.Equal(1, fake.Logouts);
    }

    [Fact]
    public async Task Wrong_password_is_an_authentication_error_naming_the_user_not_the_password()
    {
        await using var fake = await FakeIlo.StartInProcessAsync();
        using var client = FakeIloClient.Create(fake, password: "not-the-password");
        var error = await Assert.ThrowsAsync<RedfishAuthenticationException>(() => client.LoginAsync(CancellationToken.None));
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains("'admin'", error.Message, StringComparison.Ordinal);
        Assert.Contains("wrong user name or password", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", error.ToString(), StringComparison.Ordinal);
        Assert.True(error.HasMessage("NoValidSession"));
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task Logout_after_the_iLO_ended_the_session_is_tolerated()
    {
        await using var fake = await FakeIlo.StartInProcessAsync();
        using var client = FakeIloClient.Create(fake);
        var session = await client.LoginAsync(CancellationToken.None);
        fake.Sessions.Clear();
        fake.SessionIds.Clear();
        Assert.False(await session.IsActiveAsync(CancellationToken.None));
        await session.DisposeAsync();
        Assert.True(session.IsLoggedOut);
    }

    [Fact]
    public async Task Logs_never_contain_the_password_token_or_session_uri()
    {
        await using var fake = await FakeIlo.StartInProcessAsync();
        var logs = new CapturingLoggerProvider();
        using var client = FakeIloClient.Create(fake, logs: logs);
        string token;
        await using (var session = await client.LoginAsync(CancellationToken.None))
        {
            token = fake.Sessions.Keys.Single();
            await session.GetAsync("/redfish/v1/Managers/1/", CancellationToken.None);
            Assert.True(await session.IsActiveAsync(CancellationToken.None));
        }

        var sessionId = $"{FakeIloCredentials.AdminUser}0000000000000001";
        var text = logs.AllText;
        Assert.Contains("logged in as admin", text, StringComparison.Ordinal);
        Assert.Contains("Sessions/***", text, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeIloCredentials.AdminPassword, text, StringComparison.Ordinal);
        Assert.DoesNotContain(token, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(sessionId, text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Operator_gets_a_privilege_error_on_a_configuration_change()
    {
        await using var fake = await FakeIlo.StartInProcessAsync();
        using var client = FakeIloClient.Create(fake, FakeIloCredentials.OperatorUser, FakeIloCredentials.OperatorPassword);
        await using var session = await client.LoginAsync(CancellationToken.None);
        var error = await Assert.ThrowsAsync<RedfishPrivilegeException>(() => session.PatchAsync(
            "/redfish/v1/Managers/1/BackupRestoreService/", new System.Text.Json.Nodes.JsonObject { ["CustomBackupandRestore"] = true },
            CancellationToken.None));
        Assert.True(error.HasMessage("InsufficientPrivilege"));
        Assert.Contains("privilege", error.Message, StringComparison.Ordinal);
    }
}
