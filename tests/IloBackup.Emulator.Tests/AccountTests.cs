using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace IloBackup.Emulator.Tests;

/// <summary>Accounts, roles and privileges (§2 and docs/development.md).</summary>
public sealed class AccountTests
{
    internal static async Task<string> CreateUserAsync(HttpClient admin, string user, string role, string password = "Secret123!")
    {
        using var response = await admin.PostAsJsonAsync("/redfish/v1/AccountService/Accounts", new JsonObject
        {
            ["UserName"] = user,
            ["Password"] = password,
            ["RoleId"] = role,
        });
        var body = await JsonAssert.ReadAsync(response, HttpStatusCode.Created);
        return body["Id"]!.GetValue<string>();
    }

    [Fact]
    public async Task Accounts_show_hpe_privileges_and_role()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (admin, _, _) = await emulator.LoginAsync();
        using (admin)
        {
            var account = await JsonAssert.GetAsync(admin, "/redfish/v1/AccountService/Accounts/1");
            Assert.Equal("#ManagerAccount.v1_3_0.ManagerAccount", account["@odata.type"]!.GetValue<string>());
            Assert.Equal("Administrator", account["RoleId"]!.GetValue<string>());
            Assert.Null(account["Password"]);
            var privileges = account["Oem"]!["Hpe"]!["Privileges"]!;
            Assert.True(privileges["LoginPriv"]!.GetValue<bool>());
            Assert.True(privileges["iLOConfigPriv"]!.GetValue<bool>());
            Assert.True(privileges["UserConfigPriv"]!.GetValue<bool>());
            Assert.False(privileges["SystemRecoveryConfigPriv"]!.GetValue<bool>());
            Assert.DoesNotContain(EmulatorFixture.Password, account.ToJsonString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Roles_map_to_the_ilo_privileges()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (admin, _, _) = await emulator.LoginAsync();
        using (admin)
        {
            var operatorId = await CreateUserAsync(admin, "op", "Operator");
            var readOnlyId = await CreateUserAsync(admin, "ro", "ReadOnly");
            var op = (await JsonAssert.GetAsync(admin, "/redfish/v1/AccountService/Accounts/" + operatorId))["Oem"]!["Hpe"]!["Privileges"]!;
            Assert.False(op["iLOConfigPriv"]!.GetValue<bool>());
            Assert.False(op["UserConfigPriv"]!.GetValue<bool>());
            Assert.True(op["VirtualPowerAndResetPriv"]!.GetValue<bool>());
            var ro = await JsonAssert.GetAsync(admin, "/redfish/v1/AccountService/Accounts/" + readOnlyId);
            Assert.Equal("ReadOnly", ro["RoleId"]!.GetValue<string>());
            Assert.Single(ro["Oem"]!["Hpe"]!["Privileges"]!.AsObject(), p => p.Value!.GetValue<bool>());
            var role = await JsonAssert.GetAsync(admin, "/redfish/v1/AccountService/Roles/Operator");
            Assert.DoesNotContain("iLOConfigPriv", role["OemPrivileges"]!.AsArray().Select(p => p!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task A_read_only_account_gets_403_on_a_configuration_change_and_nothing_changes()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (admin, _, _) = await emulator.LoginAsync();
        using (admin)
        {
            await CreateUserAsync(admin, "viewer", "ReadOnly");
        }

        var before = emulator.Fleet[0].Configuration;
        var (viewer, _, _) = await emulator.LoginAsync(user: "viewer", password: "Secret123!");
        using (viewer)
        {
            await JsonAssert.GetAsync(viewer, "/redfish/v1/Managers/1/EthernetInterfaces/1");
            using var network = await viewer.PatchAsJsonAsync("/redfish/v1/Managers/1/EthernetInterfaces/1", new JsonObject { ["HostName"] = "evil" });
            Assert.Equal("Base.1.12.InsufficientPrivilege", await JsonAssert.ErrorAsync(network, HttpStatusCode.Forbidden));
            using var user = await viewer.PostAsJsonAsync("/redfish/v1/AccountService/Accounts", new JsonObject { ["UserName"] = "x", ["Password"] = "Secret123!" });
            Assert.Equal(HttpStatusCode.Forbidden, user.StatusCode);
            using var license = await viewer.PostAsJsonAsync("/redfish/v1/Managers/1/LicenseService", new JsonObject { ["LicenseKey"] = "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE" });
            Assert.Equal(HttpStatusCode.Forbidden, license.StatusCode);
            using var reset = await viewer.PostAsJsonAsync("/redfish/v1/Managers/1/Actions/Oem/Hpe/HpeiLO.ResetToFactoryDefaults", new JsonObject { ["ResetType"] = "Default" });
            Assert.Equal(HttpStatusCode.Forbidden, reset.StatusCode);
        }

        Assert.Same(before, emulator.Fleet[0].Configuration);
    }

    [Fact]
    public async Task A_user_may_change_only_their_own_password_without_user_config()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (admin, _, _) = await emulator.LoginAsync();
        string viewerId;
        using (admin)
        {
            viewerId = await CreateUserAsync(admin, "viewer", "ReadOnly");
        }

        var (viewer, _, _) = await emulator.LoginAsync(user: "viewer", password: "Secret123!");
        using (viewer)
        {
            using var own = await viewer.PatchAsJsonAsync("/redfish/v1/AccountService/Accounts/" + viewerId, new JsonObject { ["Password"] = "Changed456!" });
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
            using var promote = await viewer.PatchAsJsonAsync("/redfish/v1/AccountService/Accounts/" + viewerId, new JsonObject { ["RoleId"] = "Administrator" });
            Assert.Equal(HttpStatusCode.Forbidden, promote.StatusCode);
            using var other = await viewer.PatchAsJsonAsync("/redfish/v1/AccountService/Accounts/1", new JsonObject { ["Password"] = "Changed456!" });
            Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        }

        var (again, _, _) = await emulator.LoginAsync(user: "viewer", password: "Changed456!");
        again.Dispose();
    }

    [Fact]
    public async Task Accounts_can_be_changed_and_deleted_but_not_the_last_administrator()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (admin, _, _) = await emulator.LoginAsync();
        using (admin)
        {
            var id = await CreateUserAsync(admin, "ops", "ReadOnly");
            using var duplicate = await admin.PostAsJsonAsync("/redfish/v1/AccountService/Accounts", new JsonObject { ["UserName"] = "ops", ["Password"] = "Secret123!" });
            Assert.Equal("Base.1.12.ResourceAlreadyExists", await JsonAssert.ErrorAsync(duplicate, HttpStatusCode.Conflict));
            using var grant = await admin.PatchAsJsonAsync("/redfish/v1/AccountService/Accounts/" + id, new JsonObject
            {
                ["Oem"] = new JsonObject { ["Hpe"] = new JsonObject { ["Privileges"] = new JsonObject { ["VirtualMediaPriv"] = true } } },
            });
            Assert.Equal(HttpStatusCode.OK, grant.StatusCode);
            var account = emulator.Fleet[0].Configuration.Users.FindById(id)!;
            Assert.True(account.Privileges.HasFlag(Security.IloPrivileges.VirtualMedia));
            Assert.Equal("Custom", (await JsonAssert.GetAsync(admin, "/redfish/v1/AccountService/Accounts/" + id))["RoleId"]!.GetValue<string>());
            using var deleted = await admin.DeleteAsync("/redfish/v1/AccountService/Accounts/" + id);
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
            using var gone = await admin.GetAsync("/redfish/v1/AccountService/Accounts/" + id);
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
            using var last = await admin.DeleteAsync("/redfish/v1/AccountService/Accounts/1");
            Assert.Equal(HttpStatusCode.BadRequest, last.StatusCode);
            using var shortPassword = await admin.PostAsJsonAsync("/redfish/v1/AccountService/Accounts", new JsonObject { ["UserName"] = "weak", ["Password"] = "abc" });
            Assert.Equal("Base.1.12.PropertyValueFormatError", await JsonAssert.ErrorAsync(shortPassword, HttpStatusCode.BadRequest));
            Assert.DoesNotContain("abc", await shortPassword.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Deleting_an_account_ends_its_sessions()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (admin, _, _) = await emulator.LoginAsync();
        using (admin)
        {
            var id = await CreateUserAsync(admin, "temp", "Operator");
            var (temp, _, _) = await emulator.LoginAsync(user: "temp", password: "Secret123!");
            using (temp)
            {
                using var deleted = await admin.DeleteAsync("/redfish/v1/AccountService/Accounts/" + id);
                Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
                using var after = await temp.GetAsync("/redfish/v1/Managers/1");
                Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
            }
        }
    }

    [Fact]
    public async Task Account_service_settings_are_configuration()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (admin, _, _) = await emulator.LoginAsync();
        using (admin)
        {
            using var patch = await admin.PatchAsJsonAsync("/redfish/v1/AccountService", new JsonObject
            {
                ["MinPasswordLength"] = 12,
                ["LDAP"] = new JsonObject { ["ServiceEnabled"] = true, ["ServiceAddresses"] = new JsonArray("ldap.example.com") },
                ["Oem"] = new JsonObject { ["Hpe"] = new JsonObject { ["AuthFailureDelayTimeSeconds"] = 10 } },
            });
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
            var configuration = emulator.Fleet[0].Configuration;
            Assert.Equal(12, configuration.Security.MinPasswordLength);
            Assert.Equal(10, configuration.Security.AuthFailureDelaySeconds);
            Assert.True(configuration.Users.Directory.LdapEnabled);
            Assert.Equal(["ldap.example.com"], configuration.Users.Directory.ServerAddresses);
            using var lockout = await admin.PatchAsJsonAsync("/redfish/v1/AccountService", new JsonObject
            {
                ["LocalAccountAuth"] = "Disabled",
                ["LDAP"] = new JsonObject { ["ServiceEnabled"] = false },
            });
            Assert.Equal(HttpStatusCode.BadRequest, lockout.StatusCode);
            Assert.True(emulator.Fleet[0].Configuration.Users.Directory.LocalAccountsEnabled);
        }
    }
}
