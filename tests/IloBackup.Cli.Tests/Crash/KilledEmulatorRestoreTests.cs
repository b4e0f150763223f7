using System.Globalization;
using System.Text.Json.Nodes;
using IloBackup.TestSupport;
using Xunit.Abstractions;

namespace IloBackup.Cli.Tests.Crash;

/// <summary>
/// Issue 6, "Killing the emulator while it applies a restore": a real <c>ilobackup emulator</c>
/// process is SIGKILLed while a restore upload reaches it (after a random share of the body, or
/// right after the whole body); booted again on the same state directory, its configuration is
/// wholly the old one or wholly the new one (host name and SNMP contact agree).
/// </summary>
public sealed class KilledEmulatorRestoreTests(ITestOutputHelper output)
{
    private const string Password = "kill-emulator-password";

    [Fact]
    [Trait("Category", "Crash")]
    public async Task Sigkill_during_a_restore_boots_wholly_the_old_or_the_new_configuration()
    {
        var state = Directory.CreateTempSubdirectory("ilobackup-killemu-").FullName;
        try
        {
            byte[] backup;
            await using (var fleet = await RestoreKillKit.StartInProcessAsync(state, Password))
            {
                RestoreKillKit.Apply(fleet, "new");
                using var client = fleet.CreateClient(0);
                var token = await RestoreKillKit.LoginAsync(client, Password);
                client.DefaultRequestHeaders.Add("X-Auth-Token", token);
                var service = JsonNode.Parse(await client.GetStringAsync("/redfish/v1/Managers/1/BackupRestoreService"))!;
                backup = await client.GetByteArrayAsync(service["BackupFileLocation"]!.GetValue<string>());
            }

            var random = new Random(int.TryParse(Environment.GetEnvironmentVariable("ILOBACKUP_KILL_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 7);
            var outcomes = new List<string>();
            for (var round = 0; round < 4; round++)
            {
                await using (var fleet = await RestoreKillKit.StartInProcessAsync(state, Password))
                {
                    RestoreKillKit.Apply(fleet, "old");
                }

                // Rounds 0 and 1: killed while the body streams in; round 2: as the last byte leaves;
                // round 3: killed right after the emulator answered (the apply is done).
                var share = round >= 2 ? 1.0 : 0.5 + (random.NextDouble() / 2);
                using (var child = ChildCli.Start(null, "emulator", "--count", "1", "--port", "0", "--control-port", "0", "--http", "--state-dir", state, "--admin-password", Password))
                {
                    await Polling.UntilAsync(() => child.HasExited || child.Output.Contains("ready:", StringComparison.Ordinal), "the emulator ready", 30_000);
                    Assert.False(child.HasExited, child.Output);
                    var url = RestoreKillKit.IloUrl(child.Output);
                    using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = url };
                    var token = await RestoreKillKit.LoginAsync(http, Password);
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/cgi-bin/uploadRestoreFile") { Content = await FormAsync(token, backup, share, round == 3 ? null : child.KillHard) };
                    request.Headers.Add("Cookie", "sessionKey=" + token);
                    try
                    {
                        using var response = await http.SendAsync(request);
                        outcomes.Add($"round {round}: killed after the answer {(int)response.StatusCode}");
                    }
                    catch (HttpRequestException)
                    {
                        outcomes.Add($"round {round}: killed after {share:P0} of the body; no answer");
                    }

                    child.KillHard();
                    await child.WaitForExitAsync(TimeSpan.FromSeconds(30));
                }

                await using (var fleet = await RestoreKillKit.StartInProcessAsync(state, Password))
                {
                    var c = fleet[0].Configuration;
                    var wholly = (c.Network.HostName, c.Snmp.Contact) is ("ilo-old", "contact-old") or ("ilo-new", "contact-new");
                    outcomes[^1] += $" → booted {c.Network.HostName} / {c.Snmp.Contact}";
                    Assert.True(wholly, string.Join("\n", outcomes));
                }
            }

            output.WriteLine(string.Join("\n", outcomes));
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    /// <summary>The restore form as one body that kills the emulator once <paramref name="share"/> of it is sent.</summary>
    private static async Task<HttpContent> FormAsync(string token, byte[] backup, double share, Action? kill)
    {
        using var form = RestoreKillKit.RestoreForm(token, backup, "----kill-test-boundary");
        var body = await form.ReadAsByteArrayAsync();
        var content = new StreamContent(new KillingStream(body, (int)(body.Length * share), kill));
        content.Headers.ContentType = form.Headers.ContentType;
        content.Headers.ContentLength = body.Length;
        return content;
    }
}
