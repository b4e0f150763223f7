using System.Text.Json.Nodes;
using IloBackup.Emulator.Ilo;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Emulator.Control;

/// <summary>
/// The one table of the control API (docs/emulator.md, "Control API"): the endpoint dispatches
/// from it and the authorization matrix test enumerates it, so a route cannot be added without
/// being checked for the control secret.
/// </summary>
internal static class ControlRoutes
{
    public static IReadOnlyList<ControlRoute> All { get; } =
    [
        new(HttpMethods.Get, "ilos", r => Task.FromResult<JsonNode>(new JsonArray([.. r.Ilos.Select(i => (JsonNode?)ControlJson.Describe(i))]))),
        new(HttpMethods.Get, "ilos/{k}", r => Task.FromResult<JsonNode>(ControlJson.Describe(r.Ilo))),
        new(HttpMethods.Get, "ilos/{k}/event-log", r => Task.FromResult<JsonNode>(ControlJson.Log(r.Ilo.State.EventLog))),
        new(HttpMethods.Get, "ilos/{k}/iml", r => Task.FromResult<JsonNode>(ControlJson.Log(r.Ilo.State.Iml))),
        new(HttpMethods.Get, "ilos/{k}/configuration", r => Task.FromResult(ControlJson.RedactedConfiguration(r.Ilo.Configuration))),
        new(HttpMethods.Get, "ilos/{k}/faults", r => Task.FromResult(FaultControl.List(r.Ilo))),
        new(HttpMethods.Post, "ilos/{k}/faults", FaultControl.SetAsync),
        Scenario("battery-failure", (ilo, body) => ilo.SimulateBatteryFailure(Seconds(body))),
        Scenario("factory-reset", (ilo, body) => ilo.ResetToFactoryDefaults(Seconds(body))),
        Scenario("board-replacement", (ilo, body) => ilo.ReplaceSystemBoard(Seconds(body))),
        Scenario("license-loss", (ilo, _) => ilo.LoseLicense()),
        Scenario("firmware-update", UpdateFirmware),
        Scenario("reset", (ilo, body) => ilo.Reset("reset by the scenario control", Seconds(body))),
    ];

    /// <summary><c>POST /ilos/{k}/NAME</c> with an optional JSON body; answers the iLO's description.</summary>
    private static ControlRoute Scenario(string name, Action<VirtualIlo, JsonObject?> run) =>
        new(HttpMethods.Post, "ilos/{k}/" + name, async r =>
        {
            var body = await ControlEndpoint.ReadBodyAsync(r.Context);
            run(r.Ilo, body);
            return ControlJson.Describe(r.Ilo);
        });

    private static void UpdateFirmware(VirtualIlo ilo, JsonObject? body)
    {
        var version = body?["version"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
        if (version is null || !IloGenerations.IsFirmwareForm(ilo.Identity.Generation, version))
        {
            throw new ControlEndpoint.ControlException($"firmware-update needs {{\"version\": \"{IloGenerations.FirmwareForm(ilo.Identity.Generation)}\"}} (this iLO's form)");
        }

        ilo.UpdateFirmware(version, Seconds(body));
    }

    private static TimeSpan? Seconds(JsonObject? body)
    {
        if (body?["seconds"] is not { } node)
        {
            return null;
        }

        if (node is JsonValue value && value.TryGetValue<double>(out var seconds) && seconds >= 0 && seconds <= 86400)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        throw new ControlEndpoint.ControlException("\"seconds\" must be a number from 0 to 86400");
    }
}
