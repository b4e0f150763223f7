using IloBackup.Engine.Secrets;

namespace IloBackup.Engine.Inventory;

/// <summary>The raw fields of one host as read from any format, before validation and merging.</summary>
internal sealed class HostEntry
{
    public int Line { get; set; }
    public string? Host { get; set; }
    public string? Serial { get; set; }
    public string? User { get; set; }
    public string? PasswordEnv { get; set; }
    public string? PasswordFile { get; set; }
    public string? Fingerprint { get; set; }
    public List<string> Tags { get; } = [];

    /// <summary>Checks the entry and merges it over <paramref name="defaults"/> (which may be null).</summary>
    public InventoryHost ToHost(string source, HostEntry? defaults, string? baseDirectory)
    {
        if (string.IsNullOrWhiteSpace(Host))
        {
            throw new InventoryFormatException(source, Line, "host entry has no 'host'");
        }

        if (!HostAddress.TryParse(Host, out var uri, out var problem))
        {
            throw new InventoryFormatException(source, Line, problem!);
        }

        if (PasswordEnv is not null && PasswordFile is not null)
        {
            throw new InventoryFormatException(source, Line, "give either password-env or password-file, not both");
        }

        var password = Reference(this, baseDirectory) ?? (defaults is null ? null : Reference(defaults, baseDirectory));
        var fingerprint = Fingerprint ?? defaults?.Fingerprint;
        if (fingerprint is not null && !IsFingerprint(fingerprint))
        {
            throw new InventoryFormatException(
                source, Line, "fingerprint must be SHA256: followed by 32 hex pairs (as openssl x509 -fingerprint -sha256 prints)");
        }

        var tags = Tags.Count > 0 ? Tags : defaults?.Tags ?? [];
        return new InventoryHost(
            Host.Trim(), uri!, Blank(Serial), Blank(User) ?? Blank(defaults?.User), password, fingerprint, [.. tags], Line)
        {
            Source = source,
            FingerprintLine = Fingerprint is not null ? Line : defaults?.Line,
        };
    }

    private static SecretSource? Reference(HostEntry entry, string? baseDirectory)
    {
        if (!string.IsNullOrWhiteSpace(entry.PasswordEnv))
        {
            return SecretSource.FromEnvironment(entry.PasswordEnv.Trim());
        }

        if (!string.IsNullOrWhiteSpace(entry.PasswordFile))
        {
            var path = entry.PasswordFile.Trim();
            if (baseDirectory is not null && !Path.IsPathRooted(path))
            {
                path = Path.GetFullPath(Path.Combine(baseDirectory, path));
            }

            return SecretSource.FromFile(path);
        }

        return null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    internal static bool IsFingerprint(string value)
    {
        const string Prefix = "SHA256:";
        if (!value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var hex = value[Prefix.Length..].Replace(":", string.Empty, StringComparison.Ordinal);
        return hex.Length == 64 && hex.All(Uri.IsHexDigit);
    }
}
