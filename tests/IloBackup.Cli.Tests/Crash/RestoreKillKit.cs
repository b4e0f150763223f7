using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IloBackup.Emulator.Hosting;

namespace IloBackup.Cli.Tests.Crash;

/// <summary>
/// What the tests that kill an emulator during a restore share: an in-process iLO on the same
/// state directory (to prepare and to inspect it), two recognisable configurations, the login and
/// the restore form, and the child emulator's URL from its start-up output.
/// </summary>
internal static partial class RestoreKillKit
{
    public static Task<EmulatorFleet> StartInProcessAsync(string state, string password) =>
        EmulatorFleet.StartAsync(new EmulatorOptions { Count = 1, FirstPort = 0, AdminPassword = password, StateDirectory = state, UseHttps = false, Listen = false });

    /// <summary>Gives iLO 0 a configuration recognisable by <paramref name="tag"/> (host name, SNMP contact and location).</summary>
    public static void Apply(EmulatorFleet fleet, string tag) => fleet[0].UpdateConfiguration(c => c with
    {
        Network = c.Network with { HostName = "ilo-" + tag },
        Snmp = c.Snmp with { Contact = "contact-" + tag, Location = "row-" + tag },
    });

    public static async Task<string> LoginAsync(HttpClient client, string password)
    {
        using var login = await client.PostAsync(
            "/redfish/v1/SessionService/Sessions/",
            new StringContent(new JsonObject { ["UserName"] = "Administrator", ["Password"] = password }.ToJsonString(), new MediaTypeHeaderValue("application/json")));
        Assert.Equal(HttpStatusCode.Created, login.StatusCode);
        return login.Headers.GetValues("X-Auth-Token").Single();
    }

    /// <summary>The restore upload's form, as the seed's curl sends it (<c>sessionKey</c>, then <c>file</c>).</summary>
    public static MultipartFormDataContent RestoreForm(string token, byte[] backup, string boundary)
    {
        var form = new MultipartFormDataContent(boundary) { { new StringContent(token), "sessionKey" } };
        var file = new ByteArrayContent(backup);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", "backup.bak");
        return form;
    }

    /// <summary>A client of a child emulator's control API, with the secret from the file its ready line names.</summary>
    public static HttpClient ControlClient(string output)
    {
        var ready = ReadyLine().Match(output);
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri(ready.Groups[2].Value + "/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(ready.Groups[1].Value).Trim());
        return client;
    }

    /// <summary>Completes once one of iLO 0's faults hit (<c>GET /ilos/0/faults</c>, asked again until then).</summary>
    public static async Task WaitForFaultHitAsync(HttpClient control)
    {
        while (true)
        {
            var faults = JsonNode.Parse(await control.GetStringAsync("ilos/0/faults"))!["faults"]!.AsArray();
            if (faults.Sum(f => f!["hits"]!.GetValue<int>()) > 0)
            {
                return;
            }

            await Task.Delay(10);
        }
    }

    /// <summary>The URL of iLO 0 in a child emulator's start-up output.</summary>
    public static Uri IloUrl(string output) => new(UrlLine().Match(output).Groups[1].Value);

    [GeneratedRegex(@"ilo 0: (\S+)")]
    private static partial Regex UrlLine();

    [GeneratedRegex(@"control-secret-file (\S+), control (\S+)")]
    private static partial Regex ReadyLine();
}
