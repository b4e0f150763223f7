using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IloBackup.Emulator.Sessions;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Emulator.Control;

/// <summary>
/// <c>GET /issued-tokens</c> on the control endpoint: every session token the fleet's iLOs handed
/// out, so a test can search outputs for each of them (docs/emulator.md, "Test hooks"). Off unless
/// the fleet records tokens (<c>--record-tokens</c>), and then only with the control secret as
/// <c>Authorization: Bearer</c>: the rest of the control API is a loopback test tool without a
/// credential, but live tokens would let any local process act as the administrator of every iLO.
/// </summary>
internal sealed class IssuedTokensControl(IssuedTokenLog? log, string? secret)
{
    public const string Path = "issued-tokens";

    public (int Status, JsonNode Body) Handle(HttpContext context)
    {
        if (log is null || secret is null)
        {
            return (404, Problem("issued tokens are not recorded: start the emulator with --record-tokens (a test hook)"));
        }

        if (!Authorized(context.Request.Headers.Authorization.ToString(), secret))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return (401, Problem("this control needs the control secret (Authorization: Bearer <the control-secret file>)"));
        }

        if (!HttpMethods.IsGet(context.Request.Method))
        {
            return (405, Problem("use GET"));
        }

        var tokens = log.Snapshot();
        return (200, new JsonObject
        {
            ["count"] = tokens.Count,
            ["tokens"] = new JsonArray([.. tokens.Select(t => (JsonNode?)t)]),
        });
    }

    /// <summary>Compares in constant time, so the answer's timing tells nothing about the secret.</summary>
    internal static bool Authorized(string header, string secret)
    {
        const string Scheme = "Bearer ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var given = Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim());
        var expected = Encoding.UTF8.GetBytes(secret);
        return given.Length == expected.Length && CryptographicOperations.FixedTimeEquals(given, expected);
    }

    private static JsonObject Problem(string message) => new() { ["error"] = message };
}
