using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IloBackup.Emulator.Faults;

/// <summary>
/// The faults of a fleet and the seed that makes them repeatable: which iLOs get which fault
/// (shares of the fleet are disjoint slices of one seeded shuffle), and each iLO's own random
/// numbers. Read from <c>--fault KIND[:share]</c> options and a <c>--profile FILE</c> (JSON or YAML).
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
    /// Errors name where they are (<c>$.faults[1].kind: ...</c>).
    /// </summary>
    public static FaultProfile Parse(string json)
    {
        JsonNode? root;
        try
        {
            // Duplicate keys are refused here (JsonException): JsonNode would otherwise throw an ArgumentException later (found by fuzzing).
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions
            {
                AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, AllowDuplicateProperties = false,
            });
        }
        catch (JsonException ex)
        {
            throw new FormatException($"the fault profile is not valid JSON: {ex.Message}", ex);
        }

        return FromTree(root as JsonObject ?? throw new FormatException("a fault profile is a JSON object"), new FaultProfileLines());
    }

    /// <summary>Reads the same profile written as YAML (same keys, same checks); errors name the line (<c>line 7: ...</c>).</summary>
    public static FaultProfile ParseYaml(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var (root, lines) = FaultProfileYaml.Read(yaml);
        return FromTree(root as JsonObject ?? throw new FormatException("line 1: a fault profile is a mapping (seed, latencyMs, ..., faults)"), lines);
    }

    /// <summary>Reads a profile file: YAML when it ends in <c>.yaml</c> or <c>.yml</c>, else JSON.</summary>
    public static FaultProfile Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var text = File.ReadAllText(path);
        return path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
            ? ParseYaml(text)
            : Parse(text);
    }

    private static FaultProfile FromTree(JsonObject root, FaultProfileLines at)
    {
        Known(root, "profile", at, "seed", "latencyMs", "backupSeconds", "resetSeconds", "faults");
        var faults = new List<FaultSpec>();
        if (root["faults"] is { } list)
        {
            foreach (var node in list as JsonArray ?? throw new FormatException(at.Where(root, "faults") + "'faults' must be a list"))
            {
                var fault = node as JsonObject ?? throw new FormatException((node is null ? at.Where(list) : at.Where(node)) + "each fault is a mapping with a kind");
                var spec = ParseSpec(fault, at);
                try
                {
                    spec.Validate();
                }
                catch (ArgumentException ex)
                {
                    throw new FormatException(at.Where(fault) + ex.Message, ex);
                }

                faults.Add(spec);
            }
        }

        var seed = Number(root, "seed", at) ?? 1;
        if (seed > int.MaxValue || seed != Math.Floor(seed))
        {
            throw new FormatException(at.Where(root, "seed") + "'seed' must be a whole number");
        }

        return new FaultProfile
        {
            Seed = (int)seed,
            LatencyMs = Number(root, "latencyMs", at),
            BackupSeconds = Number(root, "backupSeconds", at),
            ResetSeconds = Number(root, "resetSeconds", at),
            Faults = faults,
        };
    }

    private static FaultSpec ParseSpec(JsonObject node, FaultProfileLines at)
    {
        Known(node, "fault", at, "kind", "share", "ilos", "rate", "times", "value");
        var kindText = node["kind"] is JsonValue k && k.TryGetValue<string>(out var s) ? s : throw new FormatException(at.Where(node) + "a fault needs \"kind\"");
        if (!FaultSpec.TryParseKind(kindText, out var kind))
        {
            throw new FormatException(at.Where(node, "kind") + $"unknown fault '{kindText}' (one of: {string.Join(", ", Enum.GetValues<FaultKind>().Select(FaultSpec.Name))})");
        }

        IReadOnlyList<int>? ilos = null;
        if (node["ilos"] is { } indexes)
        {
            ilos = [.. (indexes as JsonArray ?? throw new FormatException(at.Where(node, "ilos") + "'ilos' must be a list of indexes"))
                .Select(i => i is JsonValue v && v.TryGetValue<int>(out var n) && n >= 0 ? n : throw new FormatException(at.Where(node, "ilos") + "'ilos' must hold iLO indexes"))];
        }

        var times = Number(node, "times", at);
        if (times > int.MaxValue)
        {
            throw new FormatException(at.Where(node, "times") + "'times' is too large");
        }

        return new FaultSpec
        {
            Kind = kind,
            Share = Number(node, "share", at),
            Ilos = ilos,
            Rate = Number(node, "rate", at) ?? 1,
            Times = times is null ? null : (int)times,
            Value = Number(node, "value", at),
        };
    }

    private static void Known(JsonObject node, string what, FaultProfileLines at, params string[] names)
    {
        foreach (var (key, _) in node)
        {
            if (!names.Contains(key, StringComparer.Ordinal))
            {
                throw new FormatException(at.Where(node, key) + $"unknown {what} key '{key}' (known: {string.Join(", ", names)})");
            }
        }
    }

    private static double? Number(JsonObject node, string name, FaultProfileLines at) =>
        node[name] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<double>(out var d) && double.IsFinite(d) && d >= 0 => d,
            _ => throw new FormatException(at.Where(node, name) + string.Create(CultureInfo.InvariantCulture, $"'{name}' must be a number of at least 0")),
        };
}
