using System.Net.Http.Headers;
using System.Text;
using IloBackup.Emulator.Ilo;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Emulator.Redfish;

/// <summary>
/// Finds the caller of a request: a session from <c>X-Auth-Token</c>, the <c>sessionKey</c>
/// cookie or a form field (the backup routes accept all three, §3), or HTTP Basic (§2).
/// Tokens and passwords are compared, never logged.
/// </summary>
public static class RedfishAuthentication
{
    public const string TokenHeader = "X-Auth-Token";
    public const string SessionCookie = "sessionKey";

    /// <summary>The <c>sessionKey</c> cookie of a request, if any.</summary>
    public static string? SessionKeyFromCookie(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.Cookies.TryGetValue(SessionCookie, out var value) && !string.IsNullOrEmpty(value) ? value : null;
    }

    /// <summary>
    /// The live session presented by header, cookie or <paramref name="formSessionKey"/> (in that
    /// order), with its account; null if none is valid. Does not accept HTTP Basic.
    /// </summary>
    public static AuthenticatedCaller? FindSession(HttpContext context, VirtualIlo ilo, string? formSessionKey = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(ilo);
        string? token = context.Request.Headers[TokenHeader];
        token = string.IsNullOrEmpty(token) ? SessionKeyFromCookie(context) ?? formSessionKey : token;
        return FromToken(ilo, token);
    }

    /// <summary>The caller of a Redfish route: session header (and cookie when allowed), else HTTP Basic.</summary>
    internal static async ValueTask<AuthenticatedCaller?> AuthenticateAsync(HttpContext context, VirtualIlo ilo, bool acceptCookie)
    {
        string? token = context.Request.Headers[TokenHeader];
        if (string.IsNullOrEmpty(token) && acceptCookie)
        {
            token = SessionKeyFromCookie(context);
        }

        if (!string.IsNullOrEmpty(token))
        {
            return FromToken(ilo, token);
        }

        if (AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization, out var header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            && TryDecodeBasic(header.Parameter, out var user, out var password))
        {
            var account = await new Sessions.SessionsModel(ilo).CheckPasswordAsync(user, password, ClientOf(context), logSuccess: false, context.RequestAborted);
            return account is null ? null : new AuthenticatedCaller(account, null);
        }

        return null;
    }

    internal static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "local";

    private static AuthenticatedCaller? FromToken(VirtualIlo ilo, string? token)
    {
        var session = ilo.Sessions.FindByToken(token, ilo.SessionTimeout);
        if (session is null)
        {
            return null;
        }

        var account = ilo.Configuration.Users.FindById(session.AccountId);
        if (account is not { Enabled: true } || account.UserName != session.UserName)
        {
            ilo.Sessions.Remove(session);
            return null;
        }

        return new AuthenticatedCaller(account, session);
    }

    private static bool TryDecodeBasic(string? parameter, out string user, out string password)
    {
        user = password = "";
        if (string.IsNullOrEmpty(parameter) || parameter.Length > 4096)
        {
            return false;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                return false;
            }

            user = text[..colon];
            password = text[(colon + 1)..];
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
