using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IloBackup.Emulator.Configuration;
using IloBackup.Emulator.Hosting;
using IloBackup.TestSupport;
using Xunit.Abstractions;

namespace IloBackup.Cli.Tests.Crash;

/// <summary>
/// Issue 6, "Killing the emulator while it applies a restore", aimed: a real <c>ilobackup emulator</c>
/// process is stopped by its test hook (<c>ILOBACKUP_TEST_RESTORE_STOP_AT</c>) at each named point
/// of the restore apply's SRAM write, then SIGKILLed there. Booted again on the same state
/// directory, its configuration is wholly the old one (killed before the rename) or wholly the
/// new one (from the rename on), compared whole, and no temporary file survives the boot.
/// </summary>
public sealed partial class RestoreApplyKillPointTests(ITestOutputHelper output)
{
    private const string Password = "kill-point-password";

    public static TheoryData<string, bool> Points => new()
    {
        { "before-write", false },
        { "temp-partial", false },
        { "temp-synced", false },
        { "renamed", true },
        { "directory-synced", true },
    };

    [Theory]
    [Trait("Category", "Crash")]
    [MemberData(nameof(Points))]
    public async Task Sigkill_at_a_named_point_of_the_apply_boots_wholly_the_old_or_wholly_the_new_configuration(string point, bool expectNew)
    {
        var state = Directory.CreateTempSubdirectory("ilobackup-killpoint-").FullName;
        var folder = Path.Combine(state, "ilo-0");
        try
        {
            byte[] backup;
            string oldJson, newJson;
            await using (var fleet = await StartInProcessAsync(state))
            {
                Apply(fleet, "new");
                newJson = Json(fleet[0].Configuration);
                using var client = fleet.CreateClient(0);
                client.DefaultRequestHeaders.Add("X-Auth-Token", await LoginAsync(client));
                var service = JsonNode.Parse(await client.GetStringAsync("/redfish/v1/Managers/1/BackupRestoreService"))!;
                backup = await client.GetByteArrayAsync(service["BackupFileLocation"]!.GetValue<string>());
                Apply(fleet, "old");
                oldJson = Json(fleet[0].Configuration);
            }

            Assert.NotEqual(oldJson, newJson);
            var environment = new Dictionary<string, string> { ["ILOBACKUP_TEST_RESTORE_STOP_AT"] = point };
            string[] temporaries;
            using (var child = ChildCli.Start(environment, "emulator", "--count", "1", "--port", "0", "--control-port", "0", "--http", "--state-dir", state, "--admin-password", Password))
            {
                await Polling.UntilAsync(() => child.HasExited || child.Output.Contains("ready:", StringComparison.Ordinal), "the emulator ready", 60_000);
                Assert.False(child.HasExited, child.Output);
                using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = new Uri(UrlLine().Match(child.Output).Groups[1].Value) };
                var token = await LoginAsync(http);
                using var request = new HttpRequestMessage(HttpMethod.Post, "/cgi-bin/uploadRestoreFile") { Content = Form(token, backup) };
                request.Headers.Add("Cookie", "sessionKey=" + token);
                var upload = http.SendAsync(request);
                await Polling.UntilAsync(() => child.HasExited || upload.IsCompleted || child.Output.Contains("restore apply stopped at " + point, StringComparison.Ordinal), "the hook's stop", 60_000);
                Assert.False(child.HasExited || upload.IsCompleted, child.Output);

                // The process is parked inside the write: what a crash here leaves is on the disk now.
                temporaries = Directory.GetFiles(folder, ".sram.json.*.tmp");
                child.KillHard();
                await child.WaitForExitAsync(TimeSpan.FromSeconds(30));
                await Assert.ThrowsAnyAsync<HttpRequestException>(() => upload);
            }

            Assert.Equal(point is "temp-partial" or "temp-synced" ? 1 : 0, temporaries.Length);
            await using (var fleet = await StartInProcessAsync(state))
            {
                var booted = Json(fleet[0].Configuration);
                Assert.True(booted == (expectNew ? newJson : oldJson), $"killed at {point}: booted {(booted == oldJson ? "the old" : booted == newJson ? "the new" : "a mixed")} configuration");
                Assert.Empty(Directory.GetFiles(folder, ".sram.json.*.tmp"));
                output.WriteLine($"kill point {point}: {temporaries.Length} temporary file(s) on disk at the kill; booted wholly the {(expectNew ? "new" : "old")} configuration");
            }
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    private static Task<EmulatorFleet> StartInProcessAsync(string state) =>
        EmulatorFleet.StartAsync(new EmulatorOptions { Count = 1, FirstPort = 0, AdminPassword = Password, StateDirectory = state, UseHttps = false, Listen = false });

    private static void Apply(EmulatorFleet fleet, string tag) => fleet[0].UpdateConfiguration(c => c with
    {
        Network = c.Network with { HostName = "ilo-" + tag },
        Snmp = c.Snmp with { Contact = "contact-" + tag, Location = "row-" + tag },
    });

    private static string Json(IloConfiguration configuration) => JsonSerializer.Serialize(configuration, ConfigurationJsonContext.Default.IloConfiguration);

    private static async Task<string> LoginAsync(HttpClient client)
    {
        using var login = await client.PostAsync(
            "/redfish/v1/SessionService/Sessions/",
            new StringContent(new JsonObject { ["UserName"] = "Administrator", ["Password"] = Password }.ToJsonString(), new MediaTypeHeaderValue("application/json")));
        Assert.Equal(HttpStatusCode.Created, login.StatusCode);
        return login.Headers.GetValues("X-Auth-Token").Single();
    }

    private static MultipartFormDataContent Form(string token, byte[] backup)
    {
        var form = new MultipartFormDataContent("----kill-point-boundary") { { new StringContent(token), "sessionKey" } };
        var file = new ByteArrayContent(backup);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", "backup.bak");
        return form;
    }

    [GeneratedRegex(@"ilo 0: (\S+)")]
    private static partial Regex UrlLine();
}
