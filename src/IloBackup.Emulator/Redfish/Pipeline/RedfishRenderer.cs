using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Emulator.Redfish.Pipeline;

/// <summary>
/// Renders a handler's answer: headers, <c>Location</c>, and for a resource its ETag, describedby
/// link, <c>only</c>, <c>$expand</c>, <c>$select</c>, and links in the request's trailing-slash style.
/// A plain 200 resource of a cacheable route is stored for <see cref="AnswerCacheStep"/>.
/// </summary>
internal static class RedfishRenderer
{
    public static async Task RenderAsync(RedfishRequest request, RedfishResponse response, RedfishCall call)
    {
        var context = request.HttpContext;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (response.Writer is not null)
        {
            await response.Writer(context);
            return;
        }

        if (response.Location is not null)
        {
            context.Response.Headers.Location = response.Location;
        }

        if (response.Body is null)
        {
            context.Response.StatusCode = response.Status;
            return;
        }

        var body = response.Body;
        var query = call.Query;
        string? etag = null;
        string? link = null;
        if (response.IsResource)
        {
            if (query.Only && body["Members"] is JsonArray { Count: 1 } members
                && members[0]?["@odata.id"]?.GetValue<string>() is { } memberPath
                && await call.Resolver.ResolveAsync(request, memberPath) is { } member)
            {
                body = member;
            }

            etag = RedfishJson.AddETag(body);
            context.Response.Headers.ETag = etag;
            link = DescribedBy(body);
            if (link is not null)
            {
                context.Response.Headers.Link = link;
            }

            if (query.Expand != ExpandMode.None)
            {
                await new Expansion(call.Resolver, request, query.Expand).ExpandAsync(body, insideLinks: false, depth: 0);
            }

            if (query.Select is not null)
            {
                body = RedfishJson.Select(body, query.Select);
            }
        }

        var path = context.Request.Path.Value ?? "/";
        if (path.EndsWith('/'))
        {
            RedfishJson.AddTrailingSlashes(body);
        }

        var bytes = RedfishJson.Serialize(body);
        if (call.CacheStamp is { } stamp && etag is not null && response.Status == StatusCodes.Status200OK
            && response.Headers.Count == 0 && response.Location is null)
        {
            RenderedAnswerCache.Of(call.Ilo).Store(path, new RenderedAnswer(stamp, bytes, etag, link));
        }

        await RedfishJson.WriteBytesAsync(context, response.Status, bytes);
    }

    /// <summary>The <c>Link</c> header naming the schema of a resource, or null.</summary>
    private static string? DescribedBy(JsonObject body) =>
        body["@odata.type"]?.GetValue<string>() is { } type && SchemaName(type) is { } schema
            ? $"</redfish/v1/SchemaStore/en/{schema}.json/>; rel=describedby"
            : null;

    /// <summary><c>#Manager.v1_5_1.Manager</c> → <c>Manager</c>.</summary>
    private static string? SchemaName(string odataType)
    {
        var text = odataType.TrimStart('#');
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? text[..dot] : null;
    }
}
