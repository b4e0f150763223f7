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
            error = $"'{Logging.LogRedaction.Address(text)}' is not a host, host:port or http(s) URL";
            return false;
        }

        endpoint = new RedfishEndpoint(new UriBuilder(uri.Scheme, uri.Host, uri.Port, "/").Uri);
        return true;
    }

    /// <summary>
    /// The absolute URI of a link the iLO gave, always on this endpoint: an absolute URL
    /// (<c>https://other/x</c>) and a network-path reference (<c>//other:8443/x</c>) are both reduced
    /// to their path and query, so a token, password, logout or upload is only ever sent here,
    /// whatever host a link names. A link that names no usable path (<c>///x</c>, a backslash, a
    /// control character, another scheme) is refused with a <see cref="Errors.RedfishProtocolException"/>
    /// naming this host and the link.
    /// </summary>
    public Uri Resolve(string pathOrUri)
    {
        ArgumentNullException.ThrowIfNull(pathOrUri);
        var path = LinkPath(pathOrUri);
        var uri = new Uri(BaseUri, path);
        if (Uri.Compare(uri, BaseUri, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            throw Refused(pathOrUri, "it leads to another host");
        }

        return uri;
    }

    /// <summary>The path and query of a link (see <see cref="Resolve"/>).</summary>
    private string LinkPath(string link)
    {
        if (link.Length == 0 || link.Length > 2048)
        {
            throw Refused(link, link.Length == 0 ? "it is empty" : "it is longer than 2048 characters");
        }

        if (link.Any(c => char.IsControl(c) || c == '\\'))
        {
            throw Refused(link, "it holds a control character or a backslash");
        }

        string path;
        var scheme = link.IndexOf("://", StringComparison.Ordinal);
        if (link.StartsWith("//", StringComparison.Ordinal))
        {
            // A network-path reference names a host: keep only what follows its authority.
            var slash = link.IndexOf('/', 2);
            if (slash == 2)
            {
                throw Refused(link, "it starts with '///', which names no host and no path this client can follow");
            }

            path = slash < 0 ? "/" : link[slash..];
        }
        else if (scheme > 0 && link.AsSpan(0, scheme).IndexOfAny('/', '?') < 0)
        {
            if (!Uri.TryCreate(link, UriKind.Absolute, out var absolute) || absolute.Scheme is not ("http" or "https"))
            {
                throw Refused(link, "it is not an http(s) URL or a path");
            }

            path = absolute.PathAndQuery;
        }
        else
        {
            path = link.StartsWith('/') ? link : "/" + link;
        }

        if (path.StartsWith("//", StringComparison.Ordinal))
        {
            throw Refused(link, "its path starts with '//', which would name another host");
        }

        return path;
    }

    private Errors.RedfishProtocolException Refused(string link, string why)
    {
        var shown = new string(link.Take(120).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return new Errors.RedfishProtocolException($"{this}: the iLO gave the link '{shown}', which this client does not follow: {why}");
    }

    public override string ToString() => IsHttps && Port == 443 ? BaseUri.Host : BaseUri.GetLeftPart(UriPartial.Authority);
}
