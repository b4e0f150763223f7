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

    [GeneratedRegex(@"(/sessions/)[^/]+.*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SessionMember();
}
