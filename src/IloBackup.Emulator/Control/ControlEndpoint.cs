using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IloBackup.Emulator.Configuration;
using IloBackup.Emulator.Ilo;
using IloBackup.Emulator.Resources;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Emulator.Control;

/// <summary>
/// The scenario controls over HTTP, on their own loopback port, apart from the iLOs' API
/// (docs/emulator.md, "Control API"): list the iLOs and break them in the ways the seed
/// document names. Plain JSON; no authentication (loopback only, test tool), except
/// <c>GET /issued-tokens</c>, which needs the control secret (<see cref="IssuedTokensControl"/>).
/// </summary>
internal sealed class ControlEndpoint(IReadOnlyList<VirtualIlo> ilos, IssuedTokensControl issuedTokens)
{
    private const int MaxBody = 64 * 1024;

    public async Task HandleAsync(HttpContext context)
    {
        var segments = (context.Request.Path.Value ?? "/").Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var method = context.Request.Method;
        try
        {
            if (segments is [IssuedTokensControl.Path])
            {
                var (status, answer) = issuedTokens.Handle(context);
                await WriteAsync(context, status, answer);
                return;
            }

            if (segments.Length == 0 || segments[0] != "ilos")
            {
                await WriteAsync(context, 404, Problem("unknown path; see docs/emulator.md (GET /ilos)"));
                return;
            }

            if (segments.Length == 1)
            {
                RequireMethod(method, HttpMethods.Get);
                await WriteAsync(context, 200, new JsonArray([.. ilos.Select(i => (JsonNode?)Describe(i))]));
                return;
            }

            if (!int.TryParse(segments[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= ilos.Count)
            {
                await WriteAsync(context, 404, Problem($"no iLO '{Shorten(segments[1])}' (0..{ilos.Count - 1})"));
                return;
            }

            var ilo = ilos[index];
            if (segments.Length == 2)
            {
                RequireMethod(method, HttpMethods.Get);
                await WriteAsync(context, 200, Describe(ilo));
                return;
            }

            if (segments.Length != 3)
            {
                await WriteAsync(context, 404, Problem("unknown path"));
                return;
            }

            if (segments[2] == "faults")
            {
                await WriteAsync(context, 200, await FaultControl.HandleAsync(context, ilo, method, ReadBodyAsync));
                return;
            }

            if (segments[2] is "event-log" or "iml" or "configuration")
            {
                RequireMethod(method, HttpMethods.Get);
                await WriteAsync(context, 200, segments[2] switch
                {
                    "event-log" => Log(ilo.State.EventLog),
                    "iml" => Log(ilo.State.Iml),
                    _ => RedactedConfiguration(ilo.Configuration),
                });
                return;
            }

            RequireMethod(method, HttpMethods.Post);
            var body = await ReadBodyAsync(context);
            var seconds = Seconds(body);
            switch (segments[2])
            {
                case "battery-failure":
                    ilo.SimulateBatteryFailure(seconds);
                    break;
                case "factory-reset":
                    ilo.ResetToFactoryDefaults(seconds);
                    break;
                case "board-replacement":
                    ilo.ReplaceSystemBoard(seconds);
                    break;
                case "license-loss":
                    ilo.LoseLicense();
                    break;
                case "firmware-update":
                    var version = body?["version"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
                    if (version is null || !IloFirmware.TryParse(version, out _))
                    {
                        throw new ControlException("firmware-update needs {\"version\": \"2.78\"}");
                    }

                    ilo.UpdateFirmware(version, seconds);
                    break;
                case "reset":
                    ilo.Reset("reset by the scenario control", seconds);
                    break;
                default:
                    await WriteAsync(context, 404, Problem($"unknown control '{Shorten(segments[2])}'"));
                    return;
            }

            await WriteAsync(context, 200, Describe(ilo));
        }
        catch (ControlException ex)
        {
            await WriteAsync(context, ex.Status, Problem(ex.Message));
        }
    }

    private static void RequireMethod(string method, string expected)
    {
        if (!string.Equals(method, expected, StringComparison.OrdinalIgnoreCase))
        {
            throw new ControlException($"use {expected}", 405);
        }
    }

    private static TimeSpan? Seconds(JsonObject? body)
    {
        if (body?["seconds"] is not { } node)
        {
            return null;
        }

        if (node is JsonValue value && value.TryGetValue<double>(out var seconds) && seconds >= 0 && seconds <= 86400)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        throw new ControlException("\"seconds\" must be a number from 0 to 86400");
    }

    internal static async Task<JsonObject?> ReadBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBody)
        {
            throw new ControlException("body too large", 413);
        }

        using var reader = new StreamReader(context.Request.Body);
        var buffer = new char[MaxBody + 1];
        var read = await reader.ReadBlockAsync(buffer, context.RequestAborted);
        if (read > MaxBody)
        {
            throw new ControlException("body too large", 413);
        }

        var text = new string(buffer, 0, read);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }) as JsonObject
                ?? throw new ControlException("the body must be a JSON object");
        }
        catch (JsonException)
        {
            throw new ControlException("the body is not valid JSON");
        }
    }

    internal static JsonObject Describe(VirtualIlo ilo)
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

    private static JsonArray Log(IReadOnlyList<LogEntry> entries) =>
        new([.. entries.Select(e => (JsonNode?)new JsonObject
        {
            ["id"] = e.Id,
            ["created"] = ResourceJson.Iso(e.Created),
            ["severity"] = e.Severity,
            ["message"] = e.Message,
        })]);

    /// <summary>The configuration with account passwords replaced, so it can be compared and shown.</summary>
    private static JsonNode RedactedConfiguration(IloConfiguration configuration)
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

    private static JsonObject Problem(string message) => new() { ["error"] = message };

    private static string Shorten(string text) => text.Length <= 32 ? text : text[..32] + "...";

    private static async Task WriteAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        if (status == 405)
        {
            context.Response.Headers.Allow = "GET, POST";
        }

        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    internal sealed class ControlException(string message, int status = 400) : Exception(message)
    {
        public int Status { get; } = status;
    }
}
