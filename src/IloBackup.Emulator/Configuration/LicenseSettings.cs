namespace IloBackup.Emulator.Configuration;

/// <summary>The installed iLO license key (none: iLO Standard).</summary>
public sealed record LicenseSettings
{
    /// <summary>25 characters in five groups of five (<c>XXXXX-XXXXX-XXXXX-XXXXX-XXXXX</c>), or null.</summary>
    public string? Key { get; init; }

    /// <summary>The license name shown once the key is installed.</summary>
    public string? Name { get; init; }

    /// <summary>How the key is shown: all but the last group masked, as iLO does.</summary>
    public string? MaskedKey => Key is { Length: 29 } key ? "XXXXX-XXXXX-XXXXX-XXXXX-" + key[24..] : null;

    public string LicenseName => Name ?? "iLO Standard";
}
