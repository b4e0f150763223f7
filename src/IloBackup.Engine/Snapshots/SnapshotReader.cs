using System.Text.Json.Nodes;
using IloBackup.Redfish.Discovery;
using IloBackup.Redfish.Errors;
using IloBackup.Redfish.Json;
using IloBackup.Redfish.Sessions;

namespace IloBackup.Engine.Snapshots;

/// <summary>
/// Takes the readable snapshot of an iLO's configuration by following links from the service
/// root and the manager (nothing hard-coded): accounts without secrets, the iLO network, network
/// protocols, SNMP, date/time (NTP, time zone), licenses (masked), security settings and the
/// system's power settings. A section the iLO does not offer is listed under <c>unavailable</c>.
/// </summary>
public static class SnapshotReader
{
    /// <summary>Bumped whenever what a snapshot keeps changes: snapshots of different versions are not compared.</summary>
    public const int FormatVersion = 2;
    private const int MaxMembers = 64;

    public static async Task<JsonObject> ReadAsync(RedfishSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var root = session.ServiceRoot;
        var managerPath = await IloDiscovery.FindManagerAsync(session, cancellationToken).ConfigureAwait(false);
        var manager = await session.GetAsync(managerPath, cancellationToken).ConfigureAwait(false);
        var systemPath = await IloDiscovery.FindSystemAsync(session, cancellationToken).ConfigureAwait(false);

        var sources = new (string Section, string? Path)[]
        {
            ("accounts", RedfishJson.Link(root, "AccountService")),
            ("network", RedfishJson.Link(manager, "EthernetInterfaces")),
            ("protocols", RedfishJson.Link(manager, "NetworkProtocol")),
            ("snmp", RedfishJson.Link(manager, "Oem", "Hpe", "Links", "SNMPService")),
            ("dateTime", RedfishJson.Link(manager, "Oem", "Hpe", "Links", "DateTimeService")),
            ("license", RedfishJson.Link(manager, "Oem", "Hpe", "Links", "LicenseService")),
            ("security", RedfishJson.Link(manager, "Oem", "Hpe", "Links", "SecurityService")),
            ("power", systemPath),
        };

        var sections = new JsonObject();
        var unavailable = new JsonObject();
        foreach (var (section, path) in sources)
        {
            if (path is null)
            {
                unavailable[section] = "not linked by this iLO";
                continue;
            }

            try
            {
                var resource = await ReadResourceAsync(session, path, section == "accounts", cancellationToken).ConfigureAwait(false);
                sections[section] = section == "power" ? PowerSettings(resource) : resource;
            }
            catch (RedfishHttpException e) when (e is not RedfishAuthenticationException)
            {
                unavailable[section] = $"HTTP {(int?)e.StatusCode}";
            }
        }

        var snapshot = new JsonObject { ["formatVersion"] = FormatVersion, ["sections"] = sections };
        if (unavailable.Count > 0)
        {
            snapshot["unavailable"] = unavailable;
        }

        return snapshot;
    }

    /// <summary>Of the computer system, only its power settings (its inventory and state are not configuration).</summary>
    private static JsonObject PowerSettings(JsonObject system)
    {
        var power = new JsonObject();
        foreach (var (key, value) in system.Where(p => p.Key.Contains("Power", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            power[key] = value?.DeepClone();
        }

        if (RedfishJson.At(system, "Oem", "Hpe") is JsonObject hpe)
        {
            var oem = new JsonObject();
            foreach (var (key, value) in hpe.Where(p => p.Key.Contains("Power", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                oem[key] = value?.DeepClone();
            }

            if (oem.Count > 0)
            {
                power["Oem"] = new JsonObject { ["Hpe"] = oem };
            }
        }

        return power;
    }

    private static async Task<JsonObject> ReadResourceAsync(RedfishSession session, string path, bool followAccounts, CancellationToken cancellationToken)
    {
        var body = await session.GetAsync(path, cancellationToken).ConfigureAwait(false);
        var clean = SnapshotSanitizer.Sanitize(body);
        await AddMembersAsync(session, body, clean, cancellationToken).ConfigureAwait(false);
        if (followAccounts && RedfishJson.Link(body, "Accounts") is { } accounts)
        {
            var collection = await session.GetAsync(accounts, cancellationToken).ConfigureAwait(false);
            var list = new JsonObject();
            clean["Accounts"] = list;
            await AddMembersAsync(session, collection, list, cancellationToken, intoSelf: true).ConfigureAwait(false);
        }

        return clean;
    }

    /// <summary>Expands a collection's members, keyed by their user name or id so the diff of two snapshots reads well.</summary>
    private static async Task AddMembersAsync(
        RedfishSession session, JsonObject body, JsonObject target, CancellationToken cancellationToken, bool intoSelf = false)
    {
        var members = RedfishJson.Members(body);
        if (members.Count == 0)
        {
            return;
        }

        var expanded = intoSelf ? target : new JsonObject();
        foreach (var member in members.Take(MaxMembers))
        {
            var item = await session.GetAsync(member, cancellationToken).ConfigureAwait(false);
            var key = RedfishJson.String(item, "UserName") ?? RedfishJson.String(item, "Id") ?? member.TrimEnd('/').Split('/')[^1];
            expanded[key] = SnapshotSanitizer.Sanitize(item);
        }

        if (!intoSelf)
        {
            target["Members"] = expanded;
        }
    }
}
