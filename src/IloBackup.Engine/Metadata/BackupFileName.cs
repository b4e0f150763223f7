using System.Globalization;
using System.Text.RegularExpressions;

namespace IloBackup.Engine.Metadata;

/// <summary>The iLO's backup file name, <c>HPE_&lt;serial&gt;_&lt;YYYYMMDD&gt;_&lt;HHMM&gt;.bak</c> (§3).</summary>
public static partial class BackupFileName
{
    /// <summary>The name an iLO would give a backup of <paramref name="serialNumber"/> made at <paramref name="time"/>.</summary>
    public static string Create(string serialNumber, DateTimeOffset time) =>
        string.Create(CultureInfo.InvariantCulture, $"HPE_{serialNumber}_{time.UtcDateTime:yyyyMMdd}_{time.UtcDateTime:HHmm}.bak");

    /// <summary>
    /// The name this client gives a backup: from the verified identity (the serial number made safe
    /// for a file name, see <see cref="SafeSerial"/>), with only the time taken from the iLO's own
    /// file name when it holds a valid one, else <paramref name="fallback"/> (the client's clock).
    /// An iLO can therefore never choose the folder, or a name that claims another server.
    /// </summary>
    public static string FromIdentity(string? serialNumber, string? ilosName, DateTimeOffset fallback) =>
        Create(SafeSerial(serialNumber), TryGetTime(ilosName) ?? fallback);

    /// <summary>
    /// A serial number as it may appear in a file name: ASCII letters, digits and '-' only (real
    /// serials are like MXQ12345AB), at most 64 characters; <c>UNKNOWN</c> when nothing is left.
    /// </summary>
    public static string SafeSerial(string? serialNumber)
    {
        var kept = new string((serialNumber ?? string.Empty).Where(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
            .Take(64).ToArray());
        return kept.Length == 0 ? "UNKNOWN" : kept;
    }

    /// <summary>The UTC time in an iLO file name (<c>…_YYYYMMDD_HHMM.bak</c>), or null when it has none that is a real date.</summary>
    public static DateTimeOffset? TryGetTime(string? name)
    {
        var match = name is null ? Match.Empty : TimePattern().Match(name);
        return match.Success && DateTime.TryParseExact(match.Groups[1].Value + match.Groups[2].Value, "yyyyMMddHHmm", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? new DateTimeOffset(time, TimeSpan.Zero)
            : null;
    }

    /// <summary>
    /// <paramref name="path"/> made absolute, when it lies directly inside <paramref name="folder"/>;
    /// an <see cref="IOException"/> otherwise (a name from an iLO must never leave its folder).
    /// </summary>
    public static string EnsureInside(string folder, string path)
    {
        var full = Path.GetFullPath(path);
        var parent = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return string.Equals(Path.GetDirectoryName(full), parent, StringComparison.Ordinal)
            ? full
            : throw new IOException($"refused to write {full}: it is not inside {parent}");
    }

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

    [GeneratedRegex(@"_(\d{8})_(\d{4})\.bak$", RegexOptions.CultureInvariant)]
    private static partial Regex TimePattern();
}
