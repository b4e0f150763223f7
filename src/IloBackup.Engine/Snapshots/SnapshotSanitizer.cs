using System.Text.Json.Nodes;

namespace IloBackup.Engine.Snapshots;

/// <summary>
/// Turns a Redfish resource into its readable-snapshot form: no secrets (passwords, passphrases,
/// community strings, keys are dropped or masked), no navigation or OData metadata, and no
/// server state that a restore never touches (power state, UID LED, clocks, health, MAC addresses
/// of the iLO board, which change with a board replacement; §4).
/// </summary>
internal static class SnapshotSanitizer
{
    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "Actions", "Links", "Members", "Members@odata.count", "Members@odata.nextLink",
        "PowerState", "IndicatorLED", "LocationIndicatorActive", "Status", "DateTime", "DateTimeLocalOffset",
        "MACAddress", "PermanentMACAddress", "UUID", "SessionKey", "Token", "ETag", "LinkStatus", "TimeZoneList",
    };

    private static readonly string[] SecretFragments = ["password", "passphrase", "secret", "privatekey", "token"];

    private static readonly string[] MaskedFragments = ["community", "communities", "licensekey", "key"];

    public static JsonObject Sanitize(JsonObject resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return (JsonObject)Clean(resource, null)!;
    }

    private static JsonNode? Clean(JsonNode? node, string? name)
    {
        switch (node)
        {
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    if (IsDropped(key, value) || IsBareLink(value))
                    {
                        continue;
                    }

                    result[key] = IsMasked(key) ? Mask(value) : Clean(value, key);
                }

                return result;
            case JsonArray array:
                var items = new JsonArray();
                foreach (var item in array)
                {
                    items.Add(Clean(item, name));
                }

                return items;
            case JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String:
                // The iLO's text is shown by show and diff: no escape sequences or control characters.
                var text = value.GetValue<string>();
                return IloBackup.Redfish.Json.UntrustedText.NeedsCleaning(text) ? JsonValue.Create(IloBackup.Redfish.Json.UntrustedText.Clean(text)) : value.DeepClone();
            default:
                return node?.DeepClone();
        }
    }

    /// <summary>
    /// Metadata, state, capability lists (<c>...Supported</c>), and secrets: any string (or list of
    /// strings) under a name like password or token. Password policy (lengths, flags) is kept.
    /// </summary>
    private static bool IsDropped(string key, JsonNode? value) =>
        key.StartsWith('@') || key.Contains("@odata", StringComparison.OrdinalIgnoreCase) || key.Contains("@Redfish", StringComparison.OrdinalIgnoreCase)
        || Dropped.Contains(key)
        || (key.EndsWith("Supported", StringComparison.Ordinal) && value is JsonArray)
        || IsSecret(key, value);

    /// <summary>A secret-sounding name holds a secret unless its value is a number or a flag (e.g. MinPasswordLength).</summary>
    private static bool IsSecret(string key, JsonNode? value) =>
        SecretFragments.Any(f => key.Contains(f, StringComparison.OrdinalIgnoreCase))
        && !(value is JsonValue v && v.GetValueKind() is System.Text.Json.JsonValueKind.Number or System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False);

    /// <summary>A navigation link (<c>{"@odata.id": ...}</c> only): nothing to keep.</summary>
    private static bool IsBareLink(JsonNode? value) => value is JsonObject { Count: > 0 } link && link.All(p => p.Key.StartsWith('@'));

    private static bool IsMasked(string key) =>
        MaskedFragments.Any(f => key.EndsWith(f, StringComparison.OrdinalIgnoreCase)) && !key.EndsWith("Keyboard", StringComparison.OrdinalIgnoreCase);

    /// <summary>License keys keep their last five characters (as iLO shows them); community strings and other keys are hidden.</summary>
    private static JsonNode? Mask(JsonNode? value) => value switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => JsonValue.Create(MaskString(s)),
        JsonArray a => new JsonArray(a.Select(Mask).ToArray()),
        JsonObject => JsonValue.Create("***"),
        _ => value?.DeepClone(),
    };

    private static string MaskString(string s)
    {
        if (s.Length == 0)
        {
            return s;
        }

        var keep = s.Length > 10 ? s[^5..] : string.Empty;
        return "*****-" + keep;
    }
}
