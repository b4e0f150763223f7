using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IloBackup.Emulator.Ilo;

namespace IloBackup.Emulator.Tests.Pipeline;

/// <summary>
/// Behaviour change 2 of issue 12: a change of an iLO (a PATCH) commits all of it, or none:
/// configuration, runtime state, sessions and event log together.
/// </summary>
public sealed class TransactionalChangeTests
{
    [Fact]
    public async Task A_patch_failing_part_way_changes_nothing()
    {
        using var state = new TempDirectory();
        await using var emulator = await EmulatorFixture.StartAsync(stateDirectory: state.Path);
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            var ilo = emulator.Fleet[0];
            ilo.UpdateConfiguration(c => c with { Snmp = c.Snmp with { Contact = "noc-before" } });
            var sram = Path.Combine(state.Path, "ilo-0", "sram.json");
            var configurationBefore = ilo.Configuration;
            var sramBefore = await File.ReadAllBytesAsync(sram);
            var logBefore = ilo.State.EventLog;
            var sessionsBefore = ilo.Sessions.Count;

            // The banner is staged first, then entering FIPS stages a factory reset (configuration,
            // every session ending, two log entries) and a new security state, whose durable write
            // fails: the state file's place is taken by a folder.
            var stateFile = Path.Combine(state.Path, "ilo-0", "state.json");
            File.Delete(stateFile);
            Directory.CreateDirectory(Path.Combine(stateFile, "blocked"));
            using (var failed = await client.PatchAsJsonAsync("/redfish/v1/Managers/1/SecurityService/", new JsonObject
            {
                ["LoginSecurityBanner"] = new JsonObject { ["IsEnabled"] = true, ["SecurityMessage"] = "Authorized use only" },
                ["SecurityState"] = "FIPS",
            }))
            {
                Assert.Equal("Base.1.12.InternalError", await JsonAssert.ErrorAsync(failed, HttpStatusCode.InternalServerError));
            }

            Directory.Delete(stateFile, recursive: true);

            // Nothing of it happened: configuration (in effect and on disk), state, sessions, log.
            Assert.Same(configurationBefore, ilo.Configuration);
            Assert.Equal(sramBefore, await File.ReadAllBytesAsync(sram));
            Assert.Equal(IloSecurityState.Production, ilo.State.SecurityState);
            Assert.Equal(logBefore, ilo.State.EventLog);
            Assert.Equal(sessionsBefore, ilo.Sessions.Count);
            var service = await JsonAssert.GetAsync(client, "/redfish/v1/Managers/1/SecurityService/");
            Assert.False(service["LoginSecurityBanner"]!["IsEnabled"]!.GetValue<bool>());
            Assert.Equal("noc-before", (await JsonAssert.GetAsync(client, "/redfish/v1/Managers/1/SnmpService/"))["Contact"]!.GetValue<string>());

            // The same PATCH, once the disk takes it, does all of it at once.
            using var done = await client.PatchAsJsonAsync("/redfish/v1/Managers/1/SecurityService/", new JsonObject { ["SecurityState"] = "FIPS" });
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
            Assert.Equal(IloSecurityState.FIPS, ilo.State.SecurityState);
            Assert.Equal(0, ilo.Sessions.Count);
            Assert.NotEqual("noc-before", ilo.Configuration.Snmp.Contact);
            Assert.Contains(ilo.State.EventLog, e => e.Message.Contains("reset to factory defaults: entering FIPS", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_refused_account_patch_changes_neither_the_account_nor_its_sessions_nor_the_log()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (admin, _, _) = await emulator.LoginAsync();
        using (admin)
        {
            using var created = await admin.PostAsJsonAsync("/redfish/v1/AccountService/Accounts/", new JsonObject
            {
                ["UserName"] = "operator1",
                ["Password"] = "Operator-pass1",
                ["RoleId"] = "Operator",
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var account = created.Headers.Location!.ToString();
            var (operatorClient, _, _) = await emulator.LoginAsync(user: "operator1", password: "Operator-pass1");
            using (operatorClient)
            {
                var ilo = emulator.Fleet[0];
                var configurationBefore = ilo.Configuration;
                var logBefore = ilo.State.EventLog;

                // A new name (which would end the account's sessions) with a password the policy refuses.
                using var refused = await admin.PatchAsJsonAsync(account, new JsonObject { ["UserName"] = "operator2", ["Password"] = "x" });
                Assert.Equal("Base.1.12.PropertyValueFormatError", await JsonAssert.ErrorAsync(refused, HttpStatusCode.BadRequest));

                Assert.Same(configurationBefore, ilo.Configuration);
                Assert.Equal(logBefore, ilo.State.EventLog);
                using var stillIn = await operatorClient.GetAsync("/redfish/v1/Managers/1/");
                Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
            }
        }
    }

    [Fact]
    public async Task A_change_that_throws_after_staging_everything_commits_nothing()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        client.Dispose();
        var ilo = emulator.Fleet[0];
        var configurationBefore = ilo.Configuration;
        var stateBefore = ilo.State;
        var version = ilo.Version;
        var reset = false;
        ilo.ConfigurationReset += (_, _) => reset = true;

        var refused = Assert.Throws<IloRefusedException>(() => ilo.Change(c =>
        {
            c.ResetConfigurationToFactoryDefaults(ConfigurationResetReason.FactoryReset, "test");
            c.State = c.State with { IndicatorLed = "Lit" };
            c.EndAllSessions();
            c.Log("never written");
            throw new IloRefusedException(IloRefusal.PortsConflict);
        }));

        Assert.Equal(IloRefusal.PortsConflict, refused.Reason);
        Assert.Same(configurationBefore, ilo.Configuration);
        Assert.Same(stateBefore, ilo.State);
        Assert.Equal(version, ilo.Version);
        Assert.Equal(1, ilo.Sessions.Count);
        Assert.False(reset);
    }
}
