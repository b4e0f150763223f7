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

    /// <summary>404 <c>ResourceMissingAtURI</c> for a path no route has.</summary>
    public static Task NotFoundAsync(HttpContext context) =>
        throw new RedfishException(BaseMessages.ResourceMissingAtURI, Printable(context.Request.Path.Value ?? "/"));

    private static string Printable(string text) => new([.. text.Take(256).Select(c => char.IsControl(c) ? '?' : c)]);
}
