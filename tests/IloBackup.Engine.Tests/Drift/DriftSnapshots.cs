using System.Text.Json.Nodes;
using IloBackup.Engine.Identity;
using IloBackup.Engine.Repository;

namespace IloBackup.Engine.Tests.Drift;

/// <summary>Readable snapshots in the shape <c>SnapshotReader</c> writes (the sections drift reads), and catalog rows holding them.</summary>
internal static class DriftSnapshots
{
    public static JsonObject Sections(
        string[]? ntp = null, string timeZone = "Europe/Paris", string[]? accounts = null, string license = "iLO Advanced",
        string security = "Production", bool ssh = true, bool ipmi = false, bool alerts = true, string[]? destinations = null) =>
        new()
        {
            ["accounts"] = new JsonObject { ["Accounts"] = Users(accounts ?? ["Administrator", "backup"]) },
            ["network"] = new JsonObject
            {
                ["Members"] = new JsonObject
                {
                    ["1"] = new JsonObject
                    {
                        ["HostName"] = "ilo-a", ["DHCPv4"] = new JsonObject { ["DHCPEnabled"] = false },
                        ["StaticNameServers"] = new JsonArray("10.0.0.2", "0.0.0.0"),
                    },
                },
            },
            ["protocols"] = new JsonObject
            {
                ["SSH"] = new JsonObject { ["ProtocolEnabled"] = ssh, ["Port"] = 22 },
                ["IPMI"] = new JsonObject { ["ProtocolEnabled"] = ipmi, ["Port"] = 623 },
            },
            ["snmp"] = new JsonObject
            {
                ["AlertsEnabled"] = alerts, ["AlertDestinations"] = new JsonArray([.. (destinations ?? ["10.0.0.9"]).Select(d => (JsonNode)d)]),
                ["SNMPv1Enabled"] = false, ["Contact"] = "ops", ["Location"] = "DC1", ["ReadCommunities"] = new JsonArray("*****-", "", ""),
            },
            ["dateTime"] = new JsonObject
            {
                ["StaticNTPServers"] = new JsonArray([.. (ntp ?? ["ntp1.example.com", "ntp2.example.com"]).Select(n => (JsonNode)n)]),
                ["TimeZone"] = new JsonObject { ["Name"] = timeZone, ["Index"] = 3 },
            },
            ["license"] = new JsonObject { ["Members"] = new JsonObject { ["1"] = new JsonObject { ["License"] = license } } },
            ["security"] = new JsonObject { ["SecurityState"] = security },
        };

    public static string Snapshot(JsonObject sections) => new JsonObject { ["formatVersion"] = 2, ["sections"] = sections }.ToJsonString();

    public static BackupEntry Good(long id, string serial, string host, JsonObject? sections, DateTimeOffset? takenAt = null, bool suspect = false) => new()
    {
        Id = id, Host = host, Outcome = BackupOutcome.Succeeded, TakenAt = takenAt ?? DateTimeOffset.UnixEpoch.AddDays(id),
        Identity = IloIdentity.Unknown with { SerialNumber = serial }, Sha256 = new string('a', 64), FileName = $"{serial}.bak",
        Snapshot = sections is null ? null : Snapshot(sections), Suspect = suspect,
    };

    public static BackupEntry Failed(long id, string host, string? serial = null) => new()
    {
        Id = id, Host = host, Outcome = BackupOutcome.Failed, TakenAt = DateTimeOffset.UnixEpoch.AddDays(id),
        Identity = serial is null ? IloIdentity.Unknown : IloIdentity.Unknown with { SerialNumber = serial }, FailureReason = "connection refused",
    };

    private static JsonObject Users(string[] names)
    {
        var users = new JsonObject();
        foreach (var name in names)
        {
            users[name] = new JsonObject { ["UserName"] = name, ["RoleId"] = "Administrator" };
        }

        return users;
    }
}
