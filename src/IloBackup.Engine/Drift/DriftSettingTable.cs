using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IloBackup.Engine.Snapshots;
using IloBackup.Redfish.Json;

namespace IloBackup.Engine.Drift;

/// <summary>
/// Every setting a baseline may pin, read from the sections of a readable snapshot (<see cref="SnapshotReader"/>). Only what
/// a whole tag of servers shares is here: host names and static addresses differ per server and are never pinned; SNMP
/// community strings are masked in snapshots and cannot be compared. docs/drift.md lists them.
/// </summary>
public static class DriftSettingTable
{
    public static IReadOnlyList<DriftSetting> All { get; } =
    [
        new("ntp-servers", DriftComparison.Set, "the static NTP servers", s => Strings(RedfishJson.At(s, "dateTime", "StaticNTPServers"), s["dateTime"])),
        new("time-zone", DriftComparison.Text, "the iLO's time zone name", s => One(RedfishJson.String(s, "dateTime", "TimeZone", "Name"))),
        new("dns-servers", DriftComparison.Set, "the static DNS servers of the iLO's interfaces", s => Facts(s)?.DnsServers is { } dns && s["network"] is not null ? dns : null),
        new("dhcp", DriftComparison.Flag, "whether an interface takes its address from DHCP", s => Flag(Facts(s)?.Dhcp)),
        new("accounts", DriftComparison.Includes, "local accounts that must exist (by user name)", s => Facts(s)?.Accounts),
        new("license", DriftComparison.Contains, "the license tier (Advanced matches iLO Advanced)", s => One(Facts(s)?.License)),
        new("security-state", DriftComparison.Text, "Production, HighSecurity, FIPS, SuiteB, CNSA", s => One(RedfishJson.String(s, "security", "SecurityState"))),
        new("snmp.alerts-enabled", DriftComparison.Flag, "whether SNMP alerts are sent", s => Flag(RedfishJson.Boolean(s, "snmp", "AlertsEnabled"))),
        new("snmp.alert-destinations", DriftComparison.Set, "where SNMP alerts go", s => Strings(RedfishJson.At(s, "snmp", "AlertDestinations"), s["snmp"])),
        new("snmp.v1", DriftComparison.Flag, "whether SNMPv1 is enabled", s => Flag(RedfishJson.Boolean(s, "snmp", "SNMPv1Enabled"))),
        new("snmp.contact", DriftComparison.Text, "the SNMP contact", s => One(RedfishJson.String(s, "snmp", "Contact"))),
        new("snmp.location", DriftComparison.Text, "the SNMP location", s => One(RedfishJson.String(s, "snmp", "Location"))),
        Protocol("ssh", "SSH"),
        Protocol("ipmi", "IPMI"),
        Protocol("snmp", "SNMP"),
        Protocol("http", "HTTP"),
        Protocol("https", "HTTPS"),
    ];

    public static DriftSetting? Find(string name) => All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));

    /// <summary>Every setting a snapshot holds, as a <c>same-as</c> baseline expects them.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ReadAll(JsonObject sections)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var setting in All)
        {
            if (setting.Read(sections) is { } value)
            {
                values[setting.Name] = value;
            }
        }

        return values;
    }

    /// <summary>The <c>sections</c> object of a snapshot's JSON text; null when the text is not a snapshot.</summary>
    public static JsonObject? Sections(string? snapshot)
    {
        if (string.IsNullOrWhiteSpace(snapshot))
        {
            return null;
        }

        try
        {
            return SnapshotText.Parse(snapshot) is JsonObject json ? json["sections"] as JsonObject : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static DriftSetting Protocol(string name, string property) =>
        new("protocols." + name, DriftComparison.Flag, $"whether {property} is enabled on the iLO", s => Flag(RedfishJson.Boolean(s, "protocols", property, "ProtocolEnabled")));

    private static ConfigurationFacts? Facts(JsonObject sections) => ConfigurationFacts.From(new JsonObject { ["sections"] = sections.DeepClone() });

    private static string[]? One(string? value) => value is null ? null : [value];

    private static string[]? Flag(bool? value) => value is { } b ? [b ? "true" : "false"] : null;

    /// <summary>A list of strings (empty entries dropped: iLOs pad unused slots with ""); null when its section is absent.</summary>
    private static string[]? Strings(JsonNode? node, JsonNode? section) =>
        node is JsonArray array
            ? [.. array.Select(i => i is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null)
                .OfType<string>().Where(s => s.Length > 0 && s != "0.0.0.0")]
            : section is null ? null : [];

    internal static string Join(IReadOnlyList<string> values) =>
        values.Count == 0 ? "(none)" : string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture)));
}
