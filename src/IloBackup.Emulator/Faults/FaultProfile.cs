using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IloBackup.Emulator.Faults;

/// <summary>
/// The faults of a fleet and the seed that makes them repeatable: which iLOs get which fault
/// (shares of the fleet are disjoint slices of one seeded shuffle), and each iLO's own random
/// numbers. Read from <c>--fault KIND[:share]</c> options and a <c>--profile FILE</c> (JSON).
/// </summary>
public sealed record FaultProfile
{
    public int Seed { get; init; } = 1;

    public IReadOnlyList<FaultSpec> Faults { get; init; } = [];

    /// <summary>Profile-wide latency added to every answer (null: the emulator's option).</summary>
    public double? LatencyMs { get; init; }

    /// <summary>How long creating a backup takes (null: the emulator's option).</summary>
    public double? BackupSeconds { get; init; }

    /// <summary>How long a reset keeps an iLO unreachable (null: the emulator's option).</summary>
    public double? ResetSeconds { get; init; }

    /// <summary>The faults of each iLO of a fleet of <paramref name="count"/>, by index.</summary>
    public IReadOnlyList<FaultSpec>[] Assign(int count)
    {
        var result = new List<FaultSpec>[count];
        for (var k = 0; k < count; k++)
        {
            result[k] = [];
        }

        // One shuffle for every share, sliced in order: the shares do not overlap, so each faulty
        // iLO has one clear reason to fail.
        var order = Enumerable.Range(0, count).ToArray();
        new Random(Seed).Shuffle(order);
        var next = 0;
        foreach (var spec in Faults)
        {
            spec.Validate();
            IEnumerable<int> targets;
            if (spec.Ilos is { } listed)
            {
                targets = listed.Where(k => k >= 0 && k < count);
            }
            else if (spec.Share is { } share)
            {
                var take = Math.Max(share > 0 ? 1 : 0, (int)Math.Round(share * count, MidpointRounding.AwayFromZero));
                targets = Enumerable.Range(next, Math.Min(take, count - next)).Select(i => order[i]).ToArray();
                next += take;
                if (next > count)
                {
                    next = count;
                }
            }
            else
            {
                targets = Enumerable.Range(0, count);
            }

            foreach (var k in targets)
            {
                result[k].Add(spec);
            }
        }

        return result;
    }

    /// <summary>
    /// Reads a profile: <c>{"seed":7,"latencyMs":20,"backupSeconds":1,"resetSeconds":5,
    /// "faults":[{"kind":"hang","share":0.01},{"kind":"unavailable","ilos":[3],"rate":0.5,"times":2,"value":1}]}</c>.
    /// </summary>
    public static FaultProfile Parse(string json)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }) as JsonObject
                ?? throw new FormatException("a fault profile is a JSON object");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"the fault profile is not valid JSON: {ex.Message}", ex);
        }

        Known(root, "profile", "seed", "latencyMs", "backupSeconds", "resetSeconds", "faults");
        var faults = new List<FaultSpec>();
        if (root["faults"] is { } list)
        {
            foreach (var node in list as JsonArray ?? throw new FormatException("'faults' must be a list"))
            {
                faults.Add(ParseSpec(node as JsonObject ?? throw new FormatException("each fault is an object")));
            }
        }

        var profile = new FaultProfile
        {
            Seed = (int)(Number(root, "seed") ?? 1),
            LatencyMs = Number(root, "latencyMs"),
            BackupSeconds = Number(root, "backupSeconds"),
            ResetSeconds = Number(root, "resetSeconds"),
            Faults = faults,
        };
        foreach (var spec in faults)
        {
            try
            {
                spec.Validate();
            }
            catch (ArgumentException ex)
            {
                throw new FormatException(ex.Message, ex);
            }
        }

        return profile;
    }

    private static FaultSpec ParseSpec(JsonObject node)
    {
        Known(node, "fault", "kind", "share", "ilos", "rate", "times", "value");
        var kindText = node["kind"] is JsonValue k && k.TryGetValue<string>(out var s) ? s : throw new FormatException("a fault needs \"kind\"");
        if (!FaultSpec.TryParseKind(kindText, out var kind))
        {
            throw new FormatException($"unknown fault '{kindText}'");
        }

        IReadOnlyList<int>? ilos = null;
        if (node["ilos"] is { } indexes)
        {
            ilos = [.. (indexes as JsonArray ?? throw new FormatException("'ilos' must be a list of indexes"))
                .Select(i => i is JsonValue v && v.TryGetValue<int>(out var n) && n >= 0 ? n : throw new FormatException("'ilos' must hold iLO indexes"))];
        }

        var times = Number(node, "times");
        return new FaultSpec
        {
            Kind = kind,
            Share = Number(node, "share"),
            Ilos = ilos,
            Rate = Number(node, "rate") ?? 1,
            Times = times is null ? null : (int)times,
            Value = Number(node, "value"),
        };
    }

    private static void Known(JsonObject node, string what, params string[] names)
    {
        foreach (var (key, _) in node)
        {
            if (!names.Contains(key, StringComparer.Ordinal))
            {
                throw new FormatException($"unknown {what} key '{key}' (known: {string.Join(", ", names)})");
            }
        }
    }

    private static double? Number(JsonObject node, string name) =>
        node[name] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<double>(out var d) && double.IsFinite(d) && d >= 0 => d,
            _ => throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"'{name}' must be a number of at least 0")),
        };
}
