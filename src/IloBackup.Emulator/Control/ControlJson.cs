using System.Text.Json;
using System.Text.Json.Nodes;
using IloBackup.Emulator.Configuration;
using IloBackup.Emulator.Ilo;
using IloBackup.Emulator.Resources;

namespace IloBackup.Emulator.Control;

/// <summary>The control API's JSON views of an iLO: its description, its logs, its configuration without passwords.</summary>
internal static class ControlJson
{
    public static JsonObject Describe(VirtualIlo ilo)
    {
        var identity = ilo.Identity;
        return new JsonObject
        {
            ["index"] = ilo.Index,
            ["url"] = ilo.BaseUrl.ToString().TrimEnd('/'),
            ["port"] = ilo.Port,
            ["serial"] = identity.ServerSerial,
            ["productName"] = identity.ProductName,
            ["productId"] = identity.ProductId,
            ["uuid"] = identity.Uuid.ToString(),
            ["generation"] = identity.Generation,
            ["firmware"] = identity.FirmwareVersion,
            ["boardSerial"] = identity.BoardSerial,
            ["mac"] = identity.MacAddress,
            ["fingerprint"] = ilo.CertificateFingerprint,
            ["reachable"] = ilo.IsReachable,
            ["reachableAt"] = ResourceJson.Iso(ilo.ReachableAt),
            ["securityState"] = ilo.State.SecurityState.ToString(),
            ["sessions"] = ilo.Sessions.List(ilo.SessionTimeout).Count,
            ["faultHits"] = Faults.IloFaults.Of(ilo).TotalHits,
            ["license"] = ilo.Configuration.License.MaskedKey,
        };
    }

    public static JsonArray Log(IReadOnlyList<LogEntry> entries) =>
        new([.. entries.Select(e => (JsonNode?)new JsonObject
        {
            ["id"] = e.Id,
            ["created"] = ResourceJson.Iso(e.Created),
            ["severity"] = e.Severity,
            ["message"] = e.Message,
        })]);

    /// <summary>The configuration with account passwords replaced, so it can be compared and shown.</summary>
    public static JsonNode RedactedConfiguration(IloConfiguration configuration)
    {
        var redacted = configuration with
        {
            Users = configuration.Users with
            {
                Accounts = [.. configuration.Users.Accounts.Select(a => a with { Password = "(redacted)" })],
            },
        };
        return JsonSerializer.SerializeToNode(redacted, ConfigurationJsonContext.Default.IloConfiguration)!;
    }
}
