using System.Text.Json;
using System.Text.Json.Nodes;
using IloBackup.Emulator.Configuration;
using IloBackup.TestSupport;
using Xunit.Abstractions;

namespace IloBackup.Cli.Tests.Crash;

/// <summary>
/// Issue 6, "Killing the emulator while it applies a restore", aimed: a real <c>ilobackup emulator</c>
/// process is stalled by its <c>restore-stall</c> fault (a profile naming the point) at each named
/// point of the restore apply's SRAM write, seen through the control API's fault hits, then
/// SIGKILLed there. Booted again on the same state
/// directory, its configuration is wholly the old one (killed before the rename) or wholly the
/// new one (from the rename on), compared whole, and no temporary file survives the boot.
/// </summary>
public sealed class RestoreApplyKillPointTests(ITestOutputHelper output)
{
    private const string Password = "kill-point-password";

    /// <summary>The write points (<c>AtomicWritePoint</c>, the fault's value), and whether a kill there boots the new configuration.</summary>
    public static TheoryData<string, int, bool> Points => new()
    {
        { "before-write", 0, false },
        { "temp-partial", 1, false },
        { "temp-synced", 2, false },
        { "renamed", 3, true },
        { "directory-synced", 4, true },
    };

    [Theory]
    [Trait("Category", "Crash")]
    [MemberData(nameof(Points))]
    public async Task Sigkill_at_a_named_point_of_the_apply_boots_wholly_the_old_or_wholly_the_new_configuration(string point, int value, bool expectNew)
    {
        var state = Directory.CreateTempSubdirectory("ilobackup-killpoint-").FullName;
        var folder = Path.Combine(state, "ilo-0");
        try
        {
            byte[] backup;
            string oldJson, newJson;
            await using (var fleet = await RestoreKillKit.StartInProcessAsync(state, Password))
            {
                RestoreKillKit.Apply(fleet, "new");
                newJson = Json(fleet[0].Configuration);
                using var client = fleet.CreateClient(0);
                client.DefaultRequestHeaders.Add("X-Auth-Token", await RestoreKillKit.LoginAsync(client, Password));
                var service = JsonNode.Parse(await client.GetStringAsync("/redfish/v1/Managers/1/BackupRestoreService"))!;
                backup = await client.GetByteArrayAsync(service["BackupFileLocation"]!.GetValue<string>());
                RestoreKillKit.Apply(fleet, "old");
                oldJson = Json(fleet[0].Configuration);
            }

            Assert.NotEqual(oldJson, newJson);
            var profile = Path.Combine(state, "stall.json");
            await File.WriteAllTextAsync(profile, $$"""{"faults": [{"kind": "restore-stall", "value": {{value}}}]}""");
            string[] temporaries;
            using (var child = ChildCli.Start(new Dictionary<string, string>(), "emulator", "--count", "1", "--port", "0", "--control-port", "0", "--http", "--state-dir", state, "--admin-password", Password, "--profile", profile))
            {
                await Polling.UntilAsync(() => child.HasExited || child.Output.Contains("ready:", StringComparison.Ordinal), "the emulator ready", 60_000);
                Assert.False(child.HasExited, child.Output);
                using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = RestoreKillKit.IloUrl(child.Output) };
                var token = await RestoreKillKit.LoginAsync(http, Password);
                using var request = new HttpRequestMessage(HttpMethod.Post, "/cgi-bin/uploadRestoreFile") { Content = RestoreKillKit.RestoreForm(token, backup, "----kill-point-boundary") };
                request.Headers.Add("Cookie", "sessionKey=" + token);
                var upload = http.SendAsync(request);
                using var control = RestoreKillKit.ControlClient(child.Output);
                var stalled = RestoreKillKit.WaitForFaultHitAsync(control);
                await Polling.UntilAsync(() => child.HasExited || upload.IsCompleted || stalled.IsCompleted, "the restore stalled at " + point, 60_000);
                await stalled;
                Assert.False(child.HasExited || upload.IsCompleted, child.Output);

                // The process is parked inside the write: what a crash here leaves is on the disk now.
                temporaries = Directory.GetFiles(folder, ".sram.json.*.tmp");
                child.KillHard();
                await child.WaitForExitAsync(TimeSpan.FromSeconds(30));
                await Assert.ThrowsAnyAsync<HttpRequestException>(() => upload);
            }

            Assert.Equal(point is "temp-partial" or "temp-synced" ? 1 : 0, temporaries.Length);
            await using (var fleet = await RestoreKillKit.StartInProcessAsync(state, Password))
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

    private static string Json(IloConfiguration configuration) => JsonSerializer.Serialize(configuration, ConfigurationJsonContext.Default.IloConfiguration);
}
