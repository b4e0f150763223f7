using System.Text.Json.Nodes;
using IloBackup.Emulator.Faults;
using IloBackup.Emulator.Ilo;

namespace IloBackup.Emulator.Control;

/// <summary>
/// <c>GET /ilos/{k}/faults</c> (the faults and how often each hit) and <c>POST /ilos/{k}/faults</c>
/// <c>{"seed":7,"faults":[{"kind":"unavailable","rate":0.5,"times":3,"value":1}]}</c>, which
/// replaces them (<c>[]</c> heals the iLO). Same fault keys as a profile (docs/emulator.md).
/// </summary>
internal static class FaultControl
{
    public static async Task<JsonNode> SetAsync(ControlRequest request)
    {
        var ilo = request.Ilo;
        var body = await ControlEndpoint.ReadBodyAsync(request.Context) ?? throw new ControlEndpoint.ControlException("POST {\"faults\": [...]}");
        FaultProfile profile;
        try
        {
            var text = new JsonObject
            {
                ["seed"] = body["seed"]?.DeepClone(),
                ["faults"] = body["faults"]?.DeepClone() ?? throw new FormatException("the body needs \"faults\": [...]"),
            };
            foreach (var (key, _) in body)
            {
                if (key is not ("seed" or "faults"))
                {
                    throw new FormatException($"unknown key '{key}' (known: seed, faults)");
                }
            }

            profile = FaultProfile.Parse(text.ToJsonString());
        }
        catch (FormatException ex)
        {
            throw new ControlEndpoint.ControlException(ex.Message);
        }

        IloFaults.Of(ilo).Set([.. profile.Faults.Where(f => f.Ilos is null || f.Ilos.Contains(ilo.Index))], profile.Seed);
        return List(ilo);
    }

    public static JsonNode List(VirtualIlo ilo)
    {
        var faults = IloFaults.Of(ilo);
        var hits = faults.Hits;
        var specs = faults.Specs;
        return new JsonObject
        {
            ["index"] = ilo.Index,
            ["faults"] = new JsonArray([.. specs.Select((spec, i) => (JsonNode?)new JsonObject
            {
                ["kind"] = FaultSpec.Name(spec.Kind),
                ["rate"] = spec.Rate,
                ["times"] = spec.EffectiveTimes,
                ["value"] = spec.EffectiveValue,
                ["hits"] = i < hits.Count ? hits[i] : 0,
            })]),
        };
    }
}
