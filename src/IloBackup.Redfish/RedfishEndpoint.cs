using System.Globalization;

namespace IloBackup.Redfish;

/// <summary>
/// Where an iLO listens: a URL (<c>https://10.0.0.5:8443</c>), or <c>host[:port]</c> with HTTPS on
/// port 443 by default; IPv6 literals in brackets (<c>[fe80::1]:443</c>) or bare (<c>fe80::1</c>).
/// </summary>
public sealed record RedfishEndpoint
{
    private RedfishEndpoint(Uri baseUri) => BaseUri = baseUri;

    /// <summary><c>scheme://host:port/</c>, the root every path is resolved against.</summary>
    public Uri BaseUri { get; }

    public string Host => BaseUri.Host;

    public int Port => BaseUri.Port;

    public bool IsHttps => BaseUri.Scheme == Uri.UriSchemeHttps;

    /// <summary><c>host:port</c> as written in known_hosts (IPv6 in brackets).</summary>
    public string HostPort => $"{BaseUri.Host}:{BaseUri.Port.ToString(CultureInfo.InvariantCulture)}";

    public static RedfishEndpoint Parse(string text)
    {
        if (!TryParse(text, out var endpoint, out var error))
        {
            throw new FormatException(error);
        }

        return endpoint;
    }

    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RedfishEndpoint? endpoint, out string error)
    {
        endpoint = null;
        error = string.Empty;
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            error = "empty host";
            return false;
        }

        if (!value.Contains("://", StringComparison.Ordinal))
        {
            // A bare IPv6 literal has several colons and no brackets: it has no port.
            value = value.Count(c => c == ':') > 1 && !value.StartsWith('[') ? $"https://[{value}]" : $"https://{value}";
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || string.IsNullOrEmpty(uri.Host)
            || !string.IsNullOrEmpty(uri.UserInfo))
        {
            error = $"'{text}' is not a host, host:port or http(s) URL";
            return false;
        }

        endpoint = new RedfishEndpoint(new UriBuilder(uri.Scheme, uri.Host, uri.Port, "/").Uri);
        return true;
    }

    /// <summary>
    /// The absolute URI of a path from the iLO. An absolute URI is reduced to its path and query:
    /// tokens are only ever sent to this endpoint, whatever host a link names.
    /// </summary>
    public Uri Resolve(string pathOrUri)
    {
        ArgumentNullException.ThrowIfNull(pathOrUri);
        var path = Uri.TryCreate(pathOrUri, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            ? absolute.PathAndQuery
            : pathOrUri;
        if (!path.StartsWith('/'))
        {
            path = "/" + path;
        }

        return new Uri(BaseUri, path);
    }

    public override string ToString() => IsHttps && Port == 443 ? BaseUri.Host : BaseUri.GetLeftPart(UriPartial.Authority);
}
