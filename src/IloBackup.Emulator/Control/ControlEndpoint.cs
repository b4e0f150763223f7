using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IloBackup.Emulator.Ilo;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Emulator.Control;

/// <summary>
/// The scenario controls over HTTP, on their own loopback port, apart from the iLOs' API
/// (docs/emulator.md, "Control API"): list the iLOs and break them in the ways the seed document
/// names. Plain JSON. Every request, whatever its path, must carry the control secret as
/// <c>Authorization: Bearer</c> (<see cref="ControlSecret"/>): without it the answer is 401 before
/// any route is looked up, so not even the existence of a route leaks. Routes: <see cref="ControlRoutes"/>.
/// </summary>
internal sealed class ControlEndpoint(IReadOnlyList<VirtualIlo> ilos, ControlSecret secret)
{
    private const int MaxBody = 64 * 1024;

    public async Task HandleAsync(HttpContext context)
    {
        if (!secret.Authorizes(context.Request.Headers.Authorization.ToString()))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await WriteAsync(context, 401, Problem($"the control API needs the control secret: Authorization: Bearer <the content of the {ControlSecret.FileName} file named by the ready line>"));
            return;
        }

        var segments = (context.Request.Path.Value ?? "/").Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        try
        {
            var candidates = ControlRoutes.All.Where(r => r.Matches(segments)).ToArray();
            if (candidates.Length == 0)
            {
                throw new ControlException(segments is ["ilos", _, var name] ? $"unknown control '{Shorten(name)}'" : "unknown path; see docs/emulator.md (GET /ilos)", 404);
            }

            var target = candidates[0].IloSegment >= 0 ? IloOf(segments[candidates[0].IloSegment]) : null;
            var route = candidates.FirstOrDefault(r => string.Equals(r.Method, context.Request.Method, StringComparison.OrdinalIgnoreCase));
            if (route is null)
            {
                context.Response.Headers.Allow = string.Join(", ", candidates.Select(r => r.Method));
                throw new ControlException("use " + string.Join(" or ", candidates.Select(r => r.Method)), 405);
            }

            await WriteAsync(context, 200, await route.Handle(new ControlRequest(context, ilos, target)));
        }
        catch (ControlException ex)
        {
            await WriteAsync(context, ex.Status, Problem(ex.Message));
        }
    }

    private VirtualIlo IloOf(string segment) =>
        int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < ilos.Count
            ? ilos[index]
            : throw new ControlException($"no iLO '{Shorten(segment)}' (0..{ilos.Count - 1})", 404);

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

    private static JsonObject Problem(string message) => new() { ["error"] = message };

    private static string Shorten(string text) => text.Length <= 32 ? text : text[..32] + "...";

    private static async Task WriteAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    internal sealed class ControlException(string message, int status = 400) : Exception(message)
    {
        public int Status { get; } = status;
    }
}
