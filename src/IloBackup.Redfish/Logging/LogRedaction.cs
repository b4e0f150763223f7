using System.Text.RegularExpressions;

namespace IloBackup.Redfish.Logging;

/// <summary>
/// Makes request paths safe to log or show: session URIs (which name the session and, with it,
/// a handle on the token) are cut, and query strings dropped.
/// </summary>
public static partial class LogRedaction
{
    public const string Redacted = "***";

    /// <summary><c>/redfish/v1/SessionService/Sessions/admin0123/</c> → <c>/redfish/v1/SessionService/Sessions/***</c>.</summary>
    public static string Path(string? pathOrUri)
    {
        if (string.IsNullOrEmpty(pathOrUri))
        {
            return string.Empty;
        }

        var path = Uri.TryCreate(pathOrUri, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            ? absolute.AbsolutePath
            : pathOrUri;
        var query = path.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            path = path[..query];
        }

        return SessionMember().Replace(path, "$1" + Redacted);
    }

    /// <summary>
    /// An address as a user wrote it, safe to repeat in an error: user information before an '@'
    /// (<c>https://admin:secret@ilo1</c>, or <c>admin:secret@ilo1</c> without a scheme) is replaced
    /// by <see cref="Redacted"/>, since it may hold a password.
    /// </summary>
    public static string Address(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return string.Empty;
        }

        var scheme = address.IndexOf("://", StringComparison.Ordinal);
        var start = scheme >= 0 ? scheme + 3 : 0;
        // Up to the last '@' of the whole text: a password typed raw may hold '/', '?' or '#' too.
        var at = address.LastIndexOf('@');
        return at < start ? address : string.Concat(address.AsSpan(0, start), Redacted, address.AsSpan(at));
    }

    [GeneratedRegex(@"(/sessions/)[^/]+.*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SessionMember();
}
