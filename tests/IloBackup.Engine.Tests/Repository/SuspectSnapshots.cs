using System.Text.Json.Nodes;

namespace IloBackup.Engine.Tests.Repository;

/// <summary>Readable snapshots in the shape <c>SnapshotReader</c> writes, with only what the suspect check reads.</summary>
internal static class SuspectSnapshots
{
    public static string Configured(string serial, params string[] accounts) =>
        Make($"ilo-{serial.ToLowerInvariant()}", dhcp: false, accounts.Length == 0 ? ["Administrator", "nightops"] : accounts, "iLO Advanced");

    public static string Factory(string serial) => Make($"ILO{serial}", dhcp: true, ["Administrator"], "iLO Standard");

    public static string Make(string hostName, bool dhcp, string[] accounts, string license)
    {
        var users = new JsonObject();
        foreach (var account in accounts)
        {
            users[account] = new JsonObject { ["UserName"] = account, ["RoleId"] = "Administrator" };
        }

        var nic = new JsonObject
        {
            ["HostName"] = hostName,
            ["DHCPv4"] = new JsonObject { ["DHCPEnabled"] = dhcp },
            ["IPv4StaticAddresses"] = dhcp ? new JsonArray() : new JsonArray(new JsonObject { ["Address"] = "10.20.0.11" }),
            ["StaticNameServers"] = dhcp ? new JsonArray() : new JsonArray("10.20.0.2"),
        };
        return new JsonObject
        {
            ["formatVersion"] = 2,
            ["sections"] = new JsonObject
            {
                ["accounts"] = new JsonObject { ["Accounts"] = users },
                ["network"] = new JsonObject { ["Members"] = new JsonObject { ["1"] = nic } },
                ["protocols"] = new JsonObject { ["HostName"] = hostName },
                ["license"] = new JsonObject { ["Members"] = new JsonObject { ["1"] = new JsonObject { ["License"] = license } } },
            },
        }.ToJsonString();
    }
}
