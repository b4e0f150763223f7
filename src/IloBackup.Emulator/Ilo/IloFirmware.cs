using System.Globalization;

namespace IloBackup.Emulator.Ilo;

/// <summary>
/// An iLO firmware version, for behaviour HPE ties to a version: <c>major.minor</c> as iLO 5 and 6
/// write it (<c>2.78</c>), or <c>major.minor.patch</c> as iLO 7 does (<c>1.12.00</c>).
/// </summary>
public readonly record struct IloFirmware(int Major, int Minor) : IComparable<IloFirmware>
{
    /// <summary>The third number of iLO 7's form (<c>1.12.00</c> → 0); null in the two-number form.</summary>
    public int? Patch { get; init; }

    public static IloFirmware Parse(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return TryParse(version, out var firmware) ? firmware : throw new FormatException($"not an iLO firmware version: '{version}' (expected e.g. 2.78 or 1.12.00)");
    }

    public static bool TryParse(string? version, out IloFirmware firmware)
    {
        firmware = default;
        var parts = version?.Split('.') ?? [];
        if (parts.Length is not (2 or 3)
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            || parts[1].Length != 2 || major > 99)
        {
            return false;
        }

        int? patch = null;
        if (parts.Length == 3)
        {
            if (parts[2].Length != 2 || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var p))
            {
                return false;
            }

            patch = p;
        }

        firmware = new IloFirmware(major, minor) { Patch = patch };
        return true;
    }

    public bool IsAtLeast(int major, int minor) => CompareTo(new IloFirmware(major, minor)) >= 0;

    public int CompareTo(IloFirmware other) =>
        Major != other.Major ? Major.CompareTo(other.Major)
        : Minor != other.Minor ? Minor.CompareTo(other.Minor)
        : (Patch ?? 0).CompareTo(other.Patch ?? 0);

    public static bool operator <(IloFirmware left, IloFirmware right) => left.CompareTo(right) < 0;
    public static bool operator >(IloFirmware left, IloFirmware right) => left.CompareTo(right) > 0;
    public static bool operator <=(IloFirmware left, IloFirmware right) => left.CompareTo(right) <= 0;
    public static bool operator >=(IloFirmware left, IloFirmware right) => left.CompareTo(right) >= 0;

    public override string ToString() => Patch is { } patch
        ? string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor:00}.{patch:00}")
        : string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor:00}");
}
