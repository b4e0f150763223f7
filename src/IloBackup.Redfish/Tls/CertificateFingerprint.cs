using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IloBackup.Redfish.Tls;

/// <summary>
/// Certificate fingerprints in the form of docs/development.md "Certificate fingerprints":
/// <c>SHA256:</c> + upper-case hex pairs of the SHA-256 of the DER bytes joined by <c>:</c>.
/// </summary>
public static class CertificateFingerprint
{
    private const string Prefix = "SHA256:";

    public static string Compute(X509Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var hash = SHA256.HashData(certificate.GetRawCertData());
        return Prefix + string.Join(':', hash.Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>Upper-case hex without prefix or colons, or null when <paramref name="value"/> is not a SHA-256 fingerprint.</summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var hex = value.Trim().Replace(":", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        if (hex.StartsWith("SHA256", StringComparison.Ordinal) && hex.Length == 70)
        {
            hex = hex[6..];
        }

        return hex.Length == 64 && hex.All(Uri.IsHexDigit) ? hex : null;
    }

    /// <summary>Compares ignoring case, colons and the prefix; false when either is not a fingerprint.</summary>
    public static bool AreEqual(string? left, string? right)
    {
        var a = Normalize(left);
        var b = Normalize(right);
        return a is not null && b is not null && string.Equals(a, b, StringComparison.Ordinal);
    }
}
