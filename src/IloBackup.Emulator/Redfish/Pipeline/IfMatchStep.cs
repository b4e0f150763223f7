using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IloBackup.Emulator.Redfish.Pipeline;

/// <summary>
/// A PATCH, PUT or DELETE with <c>If-Match</c> goes on only when one of its tags is the resource's
/// current ETag (as its GET renders it for this caller); else 412 <c>PreconditionFailed</c>.
/// </summary>
internal static class IfMatchStep
{
    public static RequestDelegate Create(RequestDelegate next) => context =>
    {
        var method = context.Request.Method;
        var ifMatch = context.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(ifMatch) || ifMatch.Trim() == "*" || !(HttpMethods.IsPatch(method) || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method))
            || context.GetEndpoint()?.Metadata.GetMetadata<RedfishRoute>() is not { } route)
        {
            return next(context);
        }

        return CheckAsync(context, route, ifMatch, next);
    };

    private static async Task CheckAsync(HttpContext context, RedfishRoute route, string ifMatch, RequestDelegate next)
    {
        var call = RedfishCall.Of(context);
        var origin = new RedfishRequest(context, call.Ilo, route, new RouteValueDictionary(context.Request.RouteValues), call.Caller, call.Resolver);
        var current = await call.Resolver.ResolveAsync(origin, context.Request.Path.Value ?? "/");
        if (current?["@odata.etag"]?.GetValue<string>() is { } etag)
        {
            Ensure(ifMatch, etag);
        }

        await next(context);
    }

    /// <summary>
    /// For a resource the resolver cannot render (its GET has a side effect, like the backup
    /// service's fresh download): its handler renders <paramref name="representation"/> as the GET
    /// would, without the side effect, and checks the request's <c>If-Match</c> against it.
    /// </summary>
    public static void EnsureMatches(HttpContext context, System.Text.Json.Nodes.JsonObject representation)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ifMatch = context.Request.Headers.IfMatch.ToString();
        if (!string.IsNullOrWhiteSpace(ifMatch) && ifMatch.Trim() != "*")
        {
            Ensure(ifMatch, RedfishJson.AddETag(representation));
        }
    }

    private static void Ensure(string ifMatch, string etag)
    {
        var wanted = Strip(etag);
        if (!ifMatch.Split(',').Any(candidate => Strip(candidate) == wanted))
        {
            throw new RedfishException(BaseMessages.PreconditionFailed);
        }
    }

    private static string Strip(string tag)
    {
        var text = tag.Trim();
        return text.StartsWith("W/", StringComparison.Ordinal) ? text[2..] : text;
    }
}
