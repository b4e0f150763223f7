using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IloBackup.Emulator.Redfish.Pipeline;

/// <summary>The endpoint of a route, run after every step: calls the handler with what the steps found, then renders its answer.</summary>
internal static class RedfishEndpoint
{
    public static RequestDelegate For(RedfishRoute route) => async context =>
    {
        var call = RedfishCall.Of(context);
        var request = new RedfishRequest(context, call.Ilo, route, new RouteValueDictionary(context.Request.RouteValues), call.Caller, call.Resolver);
        var response = await route.Handler(request);
        await RedfishRenderer.RenderAsync(request, response, call);
    };

    /// <summary>405 <c>OperationNotAllowed</c> for a method the path does not have (its <c>Allow</c> header is already set).</summary>
    public static Task RefuseMethodAsync(HttpContext context) =>
        throw new RedfishException(BaseMessages.OperationNotAllowed);

    /// <summary>
    /// The fallback: 405 with <c>Allow</c> for a method no endpoint has (<c>FAKEMETHOD</c>, <c>OPTIONS</c>)
    /// on a path that exists, else 404 <c>ResourceMissingAtURI</c>.
    /// </summary>
    public static async Task NotFoundAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (await RedfishCall.Of(context).Resolver.AllowedMethodsAsync(path) is { } allowed)
        {
            throw new RedfishException(BaseMessages.OperationNotAllowed) { Headers = new Dictionary<string, string> { ["Allow"] = allowed.Header } };
        }

        throw new RedfishException(BaseMessages.ResourceMissingAtURI, Printable(path));
    }

    private static string Printable(string text) => new([.. text.Take(256).Select(c => char.IsControl(c) ? '?' : c)]);
}
