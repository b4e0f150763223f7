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
/// When the service root advertises <c>ProtocolFeaturesSupported.ExpandQuery.NoLinks</c> (iLO 5/6
/// do), each collection is read in one request with <c>$expand=.</c> instead of one per member;
/// a member the answer does not carry inline is read on its own, so both ways give the same snapshot.
/// </summary>
public static class SnapshotReader
{
    /// <summary>Bumped whenever what a snapshot keeps changes: snapshots of different versions are not compared.</summary>
    public const int FormatVersion = 2;
    private const int MaxMembers = 64;

    /// <summary>
    /// The most JSON text a snapshot may keep (a real iLO's is a few KiB). Each answer is bounded on
    /// its own, but a snapshot gathers up to 200 of them: without a bound of its own, an iLO could
    /// make one backup hold and write hundreds of MiB.
    /// </summary>
    public const int MaxSnapshotChars = 4 * 1024 * 1024;

    public static Task<JsonObject> ReadAsync(RedfishSession session, CancellationToken cancellationToken) =>
        ReadAsync(session, useExpand: true, cancellationToken);

    /// <param name="session">A logged-in session.</param>
    /// <param name="useExpand">False reads every collection member on its own even when the iLO offers <c>$expand</c>.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public static async Task<JsonObject> ReadAsync(RedfishSession session, bool useExpand, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var root = session.ServiceRoot;
        var manager = await IloDiscovery.GetManagerLinksAsync(session, cancellationToken).ConfigureAwait(false);
        var systemPath = await IloDiscovery.FindSystemAsync(session, cancellationToken).ConfigureAwait(false);
        var reader = new Reader(session, useExpand && IloDiscovery.SupportsExpand(root));

        // Collection: true where Redfish (or HPE, for its license service) defines a collection.
        var sources = new (string Section, string? Path, bool Collection)[]
        {
            ("accounts", RedfishJson.Link(root, "AccountService"), false),
            ("network", RedfishJson.Link(manager, "EthernetInterfaces"), true),
            ("protocols", RedfishJson.Link(manager, "NetworkProtocol"), false),
            ("snmp", RedfishJson.Link(manager, "Oem", "Hpe", "Links", "SNMPService"), false),
            ("dateTime", RedfishJson.Link(manager, "Oem", "Hpe", "Links", "DateTimeService"), false),
            ("license", RedfishJson.Link(manager, "Oem", "Hpe", "Links", "LicenseService"), true),
            ("security", RedfishJson.Link(manager, "Oem", "Hpe", "Links", "SecurityService"), false),
            ("power", systemPath, false),
        };

        var sections = new JsonObject();
        var unavailable = new JsonObject();
        foreach (var (section, path, collection) in sources)
        {
            if (path is null)
            {
                unavailable[section] = "not linked by this iLO";
                continue;
            }

            try
            {
                if (section == "power")
                {
                    // The system as discovery read it in this session (its identity came from it too).
                    var system = await IloDiscovery.GetSystemAsync(session, cancellationToken).ConfigureAwait(false);
                    sections[section] = reader.Keep(PowerSettings(SnapshotSanitizer.Sanitize(system!)));
                    continue;
                }

                sections[section] = await reader.ReadResourceAsync(path, collection, section == "accounts", cancellationToken).ConfigureAwait(false);
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

    private sealed class Reader(RedfishSession session, bool expand)
    {
        private long _kept;

        /// <summary>Counts what the snapshot keeps; refuses it once past <see cref="MaxSnapshotChars"/>.</summary>
        public JsonObject Keep(JsonObject clean)
        {
            _kept += clean.ToJsonString().Length;
            return _kept <= MaxSnapshotChars
                ? clean
                : throw new RedfishProtocolException(
                    $"{session.Endpoint}: the configuration snapshot is over the {MaxSnapshotChars / 1024 / 1024} MiB limit (a real iLO's is a few KiB); refused without reading the rest");
        }

        public async Task<JsonObject> ReadResourceAsync(string path, bool collection, bool followAccounts, CancellationToken cancellationToken)
        {
            var body = await GetAsync(path, collection, cancellationToken).ConfigureAwait(false);
            var clean = Keep(SnapshotSanitizer.Sanitize(body));
            await AddMembersAsync(body, clean, intoSelf: false, cancellationToken).ConfigureAwait(false);
            if (followAccounts && RedfishJson.Link(body, "Accounts") is { } accounts)
            {
                var list = new JsonObject();
                clean["Accounts"] = list;
                var accountCollection = await GetAsync(accounts, collection: true, cancellationToken).ConfigureAwait(false);
                await AddMembersAsync(accountCollection, list, intoSelf: true, cancellationToken).ConfigureAwait(false);
            }

            return clean;
        }

        /// <summary>
        /// A collection in one request when the iLO offers <c>$expand</c>: its members inline, every
        /// other link it expanded put back as a plain link (so the collection reads as without it).
        /// An answer without <c>Members</c> is no collection: it is read again plainly.
        /// </summary>
        private async Task<JsonObject> GetAsync(string path, bool collection, CancellationToken cancellationToken)
        {
            if (!expand || !collection)
            {
                return await session.GetAsync(path, cancellationToken).ConfigureAwait(false);
            }

            var body = await session.GetAsync(RedfishJson.WithQuery(path, "$expand=."), cancellationToken).ConfigureAwait(false);
            if (RedfishJson.At(body, "Members") is not JsonArray)
            {
                return await session.GetAsync(path, cancellationToken).ConfigureAwait(false);
            }

            foreach (var (key, value) in body.ToList())
            {
                if (!string.Equals(key, "Members", StringComparison.OrdinalIgnoreCase) && Collapse(value) is { } link)
                {
                    body[key] = link;
                }
            }

            return body;
        }

        /// <summary>Expands a collection's members, keyed by their user name or id so the diff of two snapshots reads well.</summary>
        private async Task AddMembersAsync(JsonObject body, JsonObject target, bool intoSelf, CancellationToken cancellationToken)
        {
            var members = (RedfishJson.At(body, "Members") as JsonArray)?.Where(m => RedfishJson.Link(m) is not null).ToList() ?? [];
            if (members.Count == 0)
            {
                return;
            }

            var expanded = intoSelf ? target : new JsonObject();
            foreach (var member in members.Take(MaxMembers))
            {
                var path = RedfishJson.Link(member)!;
                var item = RedfishJson.IsInline(member) ? (JsonObject)member! : await session.GetAsync(path, cancellationToken).ConfigureAwait(false);
                var key = UntrustedText.Clean(RedfishJson.String(item, "UserName") ?? RedfishJson.String(item, "Id") ?? path.TrimEnd('/').Split('/')[^1])!;
                expanded[key] = Keep(SnapshotSanitizer.Sanitize(item));
            }

            if (!intoSelf)
            {
                target["Members"] = expanded;
            }
        }
    }

    /// <summary>
    /// Puts back as a plain link every resource <c>$expand</c> inlined under <paramref name="node"/>
    /// (it has its own <c>@odata.id</c>, not a fragment <c>#/...</c>); returns the link that
    /// replaces <paramref name="node"/> itself, or null when it stays (changed inside).
    /// </summary>
    private static JsonObject? Collapse(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj when RedfishJson.IsInline(obj) && RedfishJson.String(obj, "@odata.id") is { } id && !id.Contains('#', StringComparison.Ordinal):
                return new JsonObject { ["@odata.id"] = id };
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (Collapse(value) is { } link)
                    {
                        obj[key] = link;
                    }
                }

                return null;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (Collapse(array[i]) is { } link)
                    {
                        array[i] = link;
                    }
                }

                return null;
            default:
                return null;
        }
    }
}
