using System.Text.Json.Nodes;
using IloBackup.Emulator.Sessions;

namespace IloBackup.Emulator.Control;

/// <summary>
/// <c>GET /issued-tokens</c> on the control endpoint: every session token the fleet's iLOs handed
/// out, so a test can search outputs for each of them (docs/emulator.md, "Test hooks"). Off (404)
/// unless the fleet records tokens (<c>--record-tokens</c>); like every control route, it needs
/// the control secret (<see cref="ControlSecret"/>).
/// </summary>
internal static class IssuedTokensControl
{
    public const string Path = "issued-tokens";

    public static JsonNode List(IssuedTokenLog? log)
    {
        if (log is null)
        {
            throw new ControlEndpoint.ControlException("issued tokens are not recorded: start the emulator with --record-tokens (a test hook)", 404);
        }

        var tokens = log.Snapshot();
        return new JsonObject
        {
            ["count"] = tokens.Count,
            ["tokens"] = new JsonArray([.. tokens.Select(t => (JsonNode?)t)]),
        };
    }
}
