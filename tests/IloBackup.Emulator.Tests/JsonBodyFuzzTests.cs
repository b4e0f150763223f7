using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using IloBackup.Emulator.Tests.Authorization;
using IloBackup.TestSupport.Fuzzing;
using Xunit.Abstractions;

namespace IloBackup.Emulator.Tests;

/// <summary>
/// Issue 6, "Hostile input": random JSON (and not-quite-JSON) bodies, as the administrator, to
/// every writable JSON route of the emulator's route table (so a new endpoint is fuzzed too).
/// Never a 5xx; a 4xx changes neither the configuration nor the runtime state.
/// </summary>
public sealed class JsonBodyFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] Names =
    [
        "HostName", "Contact", "Port", "HTTP", "HTTPS", "IPMI", "SSH", "NTP", "NTPServers", "TimeZone", "Name", "Oem", "Hpe", "Privileges",
        "RoleId", "Password", "UserName", "SecurityState", "VLAN", "VLANId", "VLANEnable", "DHCPv4", "DHCPEnabled", "StaticNTPServers",
        "ReadCommunities", "IndicatorLED", "LicenseKey", "ResetType", "Action", "Enabled", "IPv4StaticAddresses", "Address", "SubnetMask",
        "SessionTimeout", "MinPasswordLength", "CustomBackupandRestore", "BackupFileLocation", "@odata.id", "@odata.etag", "LoginPriv", "x",
    ];

    private static readonly string[] Strings =
    [
        "", "On", "Off", "GracefulRestart", "ForceRestart", "Production", "HighSecurity", "FIPS", "Administrator", "ReadOnly", "Operator",
        "127.0.0.1", "255.255.255.0", "ilo-host", "America/New_York", "2.78", "../../etc/passwd", "%00", "\u0000", "\uFFFF", "💾", new string('a', 300),
    ];

    private static Gen<JsonNode?> Leaf => Gen.OneOf<JsonNode?>(
        Gen.Int.Select(i => (JsonNode?)i),
        Gen.Long.Select(l => (JsonNode?)l),
        Gen.OneOfConst(Strings).Select(s => (JsonNode?)s),
        Gen.String[0, 40].Select(s => (JsonNode?)s),
        Gen.Bool.Select(b => (JsonNode?)b),
        Gen.Bool.Select(_ => (JsonNode?)null),
        Gen.Double.Select(d => double.IsFinite(d) ? (JsonNode?)d : 1e308));

    private static Gen<JsonNode?> Node(int depth) => depth == 0
        ? Leaf
        : Gen.Frequency(
            (3, Leaf),
            (1, Node(depth - 1).Array[0, 3].Select(a => (JsonNode?)new JsonArray(a))),
            (2, Gen.Dictionary(Gen.OneOfConst(Names), Node(depth - 1))[0, 4].Select(d => (JsonNode?)new JsonObject(d.Select(p => KeyValuePair.Create(p.Key, p.Value))))));

    /// <summary>A body: usually an object, sometimes another JSON value, sometimes broken text.</summary>
    private static Gen<string> Body => Gen.Frequency(
        (6, Gen.Dictionary(Gen.OneOfConst(Names), Node(2))[0, 5].Select(d => new JsonObject(d.Select(p => KeyValuePair.Create(p.Key, p.Value))).ToJsonString())),
        (1, Node(2).Select(n => n?.ToJsonString() ?? "null")),
        (1, Gen.Select(Gen.Dictionary(Gen.OneOfConst(Names), Leaf)[1, 3], Gen.Int).Select((d, cut) =>
        {
            var text = new JsonObject(d.Select(p => KeyValuePair.Create(p.Key, p.Value))).ToJsonString();
            return text[..(int)((uint)cut % (uint)text.Length)];
        })),
        (1, Gen.String[0, 60]));

    [Fact]
    [Trait("Category", "Fuzz")]
    public async Task Random_bodies_on_every_writable_route_never_answer_5xx_and_a_4xx_changes_nothing()
    {
        var writable = AuthorizationMatrixTests.AllRoutes()
            .Where(r => r.IsJson && r.Method is "POST" or "PATCH" or "PUT" or "DELETE")
            .ToArray();
        Assert.True(writable.Length >= 20, $"only {writable.Length} writable routes");
        var tally = new FuzzTally("JSON request bodies (every writable route)");
        var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        try
        {
            await Gen.Select(Gen.Int[0, writable.Length - 1], Body).SampleAsync(
                async sample =>
                {
                    var (index, body) = sample;
                    var route = writable[index];
                    var path = route.Template.Replace("{id}", "1", StringComparison.Ordinal);
                    var ilo = emulator.Fleet[0];
                    var configuration = ilo.Configuration;
                    var state = ilo.State;
                    using var request = new HttpRequestMessage(new HttpMethod(route.Method), path)
                    {
                        Content = new StringContent(body, Encoding.UTF8, "application/json"),
                    };
                    using var response = await client.SendAsync(request);
                    var status = (int)response.StatusCode;
                    var what = $"{route.Method} {path} {body}";
                    if (status >= 500)
                    {
                        tally.Crash($"{status} for {what}");
                    }
                    else if (status >= 400 && (!ReferenceEquals(configuration, ilo.Configuration) || Changed(state, ilo.State)))
                    {
                        tally.Crash($"{status} but the iLO changed, for {what}");
                    }
                    else if (status >= 400)
                    {
                        tally.Rejected();
                    }
                    else
                    {
                        // Accepted: it may have reset the iLO or ended the session, so carry on with a fresh one.
                        tally.Accepted();
                        client.Dispose();
                        await emulator.DisposeAsync();
                        emulator = await EmulatorFixture.StartAsync();
                        (client, _, _) = await emulator.LoginAsync();
                    }
                },
                iter: FuzzBudget.Iterations(600),
                threads: 1);
        }
        finally
        {
            client.Dispose();
            await emulator.DisposeAsync();
        }

        output.WriteLine($"{writable.Length} writable JSON routes: " + string.Join(", ", writable.Select(r => r.ToString())));
        tally.ReportAndAssert(output);
    }

    private static bool Changed(Ilo.IloRuntimeState before, Ilo.IloRuntimeState after) =>
        before.PowerState != after.PowerState || before.IndicatorLed != after.IndicatorLed || before.SecurityState != after.SecurityState
        || before.ClockOffset != after.ClockOffset;
}
