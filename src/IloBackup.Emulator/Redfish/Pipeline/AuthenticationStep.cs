using IloBackup.Emulator.Redfish.Metadata;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Emulator.Redfish.Pipeline;

/// <summary>
/// Finds the caller as the route's <see cref="AuthenticationMetadata"/> asks: none (anonymous),
/// whatever header or cookie gave (deferred: the handler decides), or a session or HTTP Basic
/// (required: 401 <c>NoValidSession</c> without one).
/// </summary>
internal static class AuthenticationStep
{
    public static RequestDelegate Create(RequestDelegate next) => context =>
    {
        var auth = context.GetEndpoint()?.Metadata.GetMetadata<AuthenticationMetadata>();
        switch (auth?.Auth)
        {
            case RedfishAuth.Required:
                return RequireAsync(context, auth.AcceptsSessionCookie, next);
            case RedfishAuth.Deferred:
                var call = RedfishCall.Of(context);
                call.Caller = RedfishAuthentication.FindSession(context, call.Ilo);
                return next(context);
            default:
                return next(context);
        }
    };

    private static async Task RequireAsync(HttpContext context, bool acceptCookie, RequestDelegate next)
    {
        var call = RedfishCall.Of(context);
        call.Caller = await RedfishAuthentication.AuthenticateAsync(context, call.Ilo, acceptCookie)
            ?? throw new RedfishException(BaseMessages.NoValidSession);
        call.Authenticated = true;
        await next(context);
    }
}
