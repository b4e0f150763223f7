using System.Text.Json;
using System.Text.Json.Nodes;
using IloBackup.Redfish.Json;

namespace IloBackup.Engine.Snapshots;

/// <summary>
/// The few facts of a readable snapshot that tell a configured iLO from a blank one: host names,
/// DHCP or static addresses, DNS servers, the local accounts and the license. Read from the
/// snapshot's sections (<see cref="SnapshotReader"/>); a section the snapshot lacks gives no facts.
/// </summary>
public sealed record ConfigurationFacts
{
    public IReadOnlyList<string> HostNames { get; init; } = [];
    /// <summary>True when an interface takes its address from DHCP; null when the snapshot has no network section.</summary>
    public bool? Dhcp { get; init; }
    public IReadOnlyList<string> StaticAddresses { get; init; } = [];
    public IReadOnlyList<string> DnsServers { get; init; } = [];
    /// <summary>Local account user names; null when the snapshot has no accounts section.</summary>
    public IReadOnlyList<string>? Accounts { get; init; }
    /// <summary>The license name ("iLO Advanced"); null when the snapshot has no license section.</summary>
    public string? License { get; init; }

    /// <summary>True when the license is iLO Standard (no key installed).</summary>
    public bool StandardLicense =>
        License is null || License.Contains("Standard", StringComparison.OrdinalIgnoreCase) || License.Length == 0;

    /// <summary>The facts of a snapshot's JSON text; null when the text is not a snapshot.</summary>
    public static ConfigurationFacts? FromText(string? snapshot)
    {
        if (string.IsNullOrWhiteSpace(snapshot))
        {
            return null;
        }

        try
        {
            return SnapshotText.Parse(snapshot) is JsonObject json ? From(json) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static ConfigurationFacts? From(JsonObject snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot["sections"] is not JsonObject sections)
        {
            return null;
        }

        var interfaces = Members(sections["network"]).ToList();
        var hostNames = interfaces.Select(i => RedfishJson.String(i, "HostName"))
            .Append(RedfishJson.String(sections["protocols"], "HostName"))
            .OfType<string>().Where(h => h.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var licenses = Members(sections["license"]).Select(l => RedfishJson.String(l, "License")).OfType<string>().ToList();
        return new ConfigurationFacts
        {
            HostNames = hostNames,
            Dhcp = sections["network"] is null ? null : interfaces.Any(i => RedfishJson.Boolean(i, "DHCPv4", "DHCPEnabled") == true),
            StaticAddresses = [.. interfaces.SelectMany(i => Strings(i["IPv4StaticAddresses"], "Address")).Distinct(StringComparer.Ordinal)],
            DnsServers = [.. interfaces.SelectMany(i => Strings(i["StaticNameServers"], null)).Distinct(StringComparer.Ordinal)],
            Accounts = RedfishJson.At(sections["accounts"], "Accounts") is JsonObject accounts
                ? [.. accounts.Select(a => RedfishJson.String(a.Value, "UserName") ?? a.Key)]
                : null,
            License = sections["license"] is null ? null : licenses.FirstOrDefault(l => !l.Contains("Standard", StringComparison.OrdinalIgnoreCase)) ?? licenses.FirstOrDefault() ?? string.Empty,
        };
    }

    /// <summary>A collection's members as the snapshot keeps them (an object keyed by member id, or an array).</summary>
    private static IEnumerable<JsonObject> Members(JsonNode? collection) =>
        RedfishJson.At(collection, "Members") switch
        {
            JsonObject byId => byId.Select(m => m.Value).OfType<JsonObject>(),
            JsonArray list => list.OfType<JsonObject>(),
            _ => [],
        };

    private static IEnumerable<string> Strings(JsonNode? node, string? property) =>
        node is JsonArray array
            ? array.Select(item => property is null ? (item as JsonValue)?.GetValueKind() == JsonValueKind.String ? (string?)item : null : RedfishJson.String(item, property))
                .OfType<string>().Where(s => s.Length > 0 && s != "0.0.0.0")
            : [];
}
