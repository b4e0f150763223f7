using System.Globalization;

namespace IloBackup.Engine.Inventory;

/// <summary>Turns an inventory address (a URL, or <c>host[:port]</c>) into the base URI to talk to.</summary>
public static class HostAddress
{
    /// <summary>Parses <paramref name="address"/>; HTTPS on port 443 when no scheme or port is given.</summary>
    /// <returns>False with a reason when the address is not usable.</returns>
    public static bool TryParse(string address, out Uri? baseUri, out string? problem)
    {
        baseUri = null;
        problem = null;
        var text = address.Trim();
        if (text.Length == 0)
        {
            problem = "empty host";
            return false;
        }

        if (!text.Contains("://", StringComparison.Ordinal))
        {
            // A bare IPv6 address has several colons and no brackets: it has no port.
            if (text.Count(c => c == ':') > 1 && !text.StartsWith('['))
            {
                text = $"[{text}]";
            }

            text = "https://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            problem = $"'{Shown(address)}' is not a host, host:port or URL";
            return false;
        }

        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            problem = $"'{Shown(address)}': only https:// (or http:// for the emulator) is supported";
            return false;
        }

        if (uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            problem = $"'{Shown(address)}': give only scheme, host and port (no path, query or user)";
            return false;
        }

        baseUri = new Uri(string.Create(CultureInfo.InvariantCulture, $"{uri.Scheme}://{uri.Authority}/"));
        return true;
    }

    /// <summary>The address as it may be repeated in an error: a password in its user information is hidden.</summary>
    private static string Shown(string address) => IloBackup.Redfish.Logging.LogRedaction.Address(address);

    public static Uri Parse(string address) =>
        TryParse(address, out var uri, out var problem) ? uri! : throw new FormatException(problem);
}
