using System.Globalization;
using System.Text.RegularExpressions;

namespace IloBackup.Engine.Metadata;

/// <summary>The iLO's backup file name, <c>HPE_&lt;serial&gt;_&lt;YYYYMMDD&gt;_&lt;HHMM&gt;.bak</c> (§3).</summary>
public static partial class BackupFileName
{
    /// <summary>The name an iLO would give a backup of <paramref name="serialNumber"/> made at <paramref name="time"/>.</summary>
    public static string Create(string serialNumber, DateTimeOffset time) =>
        string.Create(CultureInfo.InvariantCulture, $"HPE_{serialNumber}_{time.UtcDateTime:yyyyMMdd}_{time.UtcDateTime:HHmm}.bak");

    /// <summary>The serial number in an iLO backup file name, or null when the name is not of that form.</summary>
    public static string? TryGetSerialNumber(string path)
    {
        var match = Pattern().Match(Path.GetFileName(path));
        return match.Success ? match.Groups["serial"].Value : null;
    }

    /// <summary>True when <paramref name="name"/> is a plain file name safe to create in a directory.</summary>
    public static bool IsSafe(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name == Path.GetFileName(name) && name is not "." and not ".."
        && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0 && !name.StartsWith('.');

    [GeneratedRegex(@"^HPE_(?<serial>[A-Za-z0-9-]+)_\d{8}_\d{4}", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
