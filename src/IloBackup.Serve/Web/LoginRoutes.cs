using System.Security.Cryptography;
using System.Text;
using IloBackup.Serve.Access;
using IloBackup.Serve.Pages;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Serve.Web;

/// <summary>Sign in and out. The login form's CSRF token is double-submitted (hidden field and a cookie); a failed login waits (<see cref="LoginThrottle"/>).</summary>
internal static class LoginRoutes
{
    public static Task FormAsync(HttpContext http)
    {
        var csrf = SessionStore.NewSecret();
        http.Response.Cookies.Append(LoginPage.CsrfCookie, csrf, CookieOptions(TimeSpan.FromHours(1)));
        return Routes.HtmlAsync(http, LoginPage.Render(csrf, SafeReturn(http.Request.Query["return"]), error: null));
    }

    public static async Task SignInAsync(HttpContext http, ServeContext context)
    {
        if (!http.Request.HasFormContentType)
        {
            http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        var sent = form[AccessMiddleware.CsrfField].ToString();
        var cookie = http.Request.Cookies[LoginPage.CsrfCookie] ?? string.Empty;
        if (sent.Length == 0 || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(cookie)))
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            await http.Response.WriteAsync("forbidden: missing or wrong CSRF token (reload the sign-in page)\n", http.RequestAborted).ConfigureAwait(false);
            return;
        }

        var user = form["user"].ToString();
        var password = form["password"].ToString();
        var returnTo = SafeReturn(form["return"]);
        var principal = context.Access.Users.FindUser(user);
        // Without such a user the password is still hashed once, so the answer takes as long either way.
        bool ok;
        if (principal is null)
        {
            _ = PasswordHash.Verify(password, DummyHash.Value);
            ok = false;
        }
        else
        {
            ok = PasswordHash.Verify(password, principal.Secret);
        }

        if (!ok || principal is null)
        {
            await context.Access.Throttle.FailedAsync(user, http.RequestAborted).ConfigureAwait(false);
            await Routes.HtmlAsync(http, LoginPage.Render(sent, returnTo, "Wrong user name or password."), StatusCodes.Status401Unauthorized).ConfigureAwait(false);
            return;
        }

        context.Access.Throttle.Succeeded(user);
        var session = context.Access.Sessions.Create(principal.Name, principal.Role);
        http.Response.Cookies.Append(AccessMiddleware.CookieName, session.Id, CookieOptions(SessionStore.Lifetime));
        http.Response.Cookies.Delete(LoginPage.CsrfCookie, CookieOptions(TimeSpan.Zero));
        http.Response.StatusCode = StatusCodes.Status303SeeOther;
        http.Response.Headers.Location = returnTo ?? "/";
    }

    public static Task SignOutAsync(HttpContext http, ServeContext context)
    {
        if (Routes.Caller(http).Session is { } session)
        {
            context.Access.Sessions.End(session.Id);
        }

        http.Response.Cookies.Delete(AccessMiddleware.CookieName, CookieOptions(TimeSpan.Zero));
        http.Response.StatusCode = StatusCodes.Status303SeeOther;
        http.Response.Headers.Location = "/login";
        return Task.CompletedTask;
    }

    /// <summary>Secure, HttpOnly, SameSite=Strict, path /, no domain (the <c>__Host-</c> prefix requires it).</summary>
    public static CookieOptions CookieOptions(TimeSpan lifetime) => new()
    {
        Secure = true, HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true, MaxAge = lifetime,
    };

    /// <summary>Only a path on this site (no scheme, no <c>//host</c>): no open redirect.</summary>
    private static string? SafeReturn(string? value) =>
        value is { Length: > 0 } v && v[0] == '/' && !v.StartsWith("//", StringComparison.Ordinal) && !v.StartsWith("/\\", StringComparison.Ordinal) ? v : null;

    private static class DummyHash
    {
        public static readonly string Value = PasswordHash.Hash(SessionStore.NewSecret(), PasswordHash.DefaultIterations);
    }
}
