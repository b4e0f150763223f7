using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace IloBackup.Serve.Access;

/// <summary>
/// Every request: who is calling (session cookie or bearer token), whether the route's <see cref="RequiresRole"/> lets them,
/// and on every POST from a browser session the CSRF token (form field <c>csrf</c> or header <c>X-CSRF-Token</c>).
/// Bearer-token requests carry no ambient credential, so they need none. A route without metadata is refused.
/// </summary>
public sealed class AccessMiddleware(RequestDelegate next, AccessControl access)
{
    public const string CookieName = "__Host-ilobackup";
    public const string CsrfHeader = "X-CSRF-Token";
    public const string CsrfField = "csrf";

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var required = context.GetEndpoint()?.Metadata.GetMetadata<RequiresRole>();
        if (required is null && context.GetEndpoint() is not null)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        var caller = Identify(context);
        if (caller is not null)
        {
            context.Items[typeof(Caller)] = caller;
        }

        if (required?.Role is { } role)
        {
            if (caller is null)
            {
                await RefuseAnonymousAsync(context).ConfigureAwait(false);
                return;
            }

            if (caller.Role < role)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsync("forbidden: this needs the operator role\n", context.RequestAborted).ConfigureAwait(false);
                return;
            }
        }

        // Open routes (the login form) carry their own CSRF token; every other POST of a browser session carries the session's.
        if (HttpMethods.IsPost(context.Request.Method) && required?.Role is not null && caller?.Session is { } session
            && !await CsrfMatchesAsync(context, session).ConfigureAwait(false))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync("forbidden: missing or wrong CSRF token (reload the page)\n", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    public static Caller? CallerOf(HttpContext context) => context.Items.TryGetValue(typeof(Caller), out var c) ? c as Caller : null;

    private Caller? Identify(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var principal = access.Users.FindToken(authorization["Bearer ".Length..].Trim());
            return principal is null ? null : new Caller(principal.Name, principal.Role, null);
        }

        var session = access.Sessions.Find(context.Request.Cookies[CookieName]);
        return session is null ? null : new Caller(session.User, session.Role, session);
    }

    private static async Task<bool> CsrfMatchesAsync(HttpContext context, WebSession session)
    {
        StringValues sent = context.Request.Headers[CsrfHeader];
        if (StringValues.IsNullOrEmpty(sent) && context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            sent = form[CsrfField];
        }

        return sent.Count == 1 && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(sent[0] ?? string.Empty), System.Text.Encoding.UTF8.GetBytes(session.CsrfToken));
    }

    private static async Task RefuseAnonymousAsync(HttpContext context)
    {
        var wantsPage = HttpMethods.IsGet(context.Request.Method)
            && context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
        if (wantsPage)
        {
            var back = context.Request.Path + context.Request.QueryString;
            context.Response.Redirect("/login?return=" + Uri.EscapeDataString(back));
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"ilobackup\"";
        await context.Response.WriteAsync("unauthorized: sign in, or send a bearer token\n", context.RequestAborted).ConfigureAwait(false);
    }
}
