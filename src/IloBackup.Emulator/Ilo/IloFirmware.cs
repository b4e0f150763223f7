using System.Globalization;

namespace IloBackup.Emulator.Ilo;

/// <summary>An iLO firmware version (<c>major.minor</c>), for behaviour HPE ties to a version.</summary>
public readonly record struct IloFirmware(int Major, int Minor) : IComparable<IloFirmware>
{
    public static IloFirmware Parse(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return TryParse(version, out var firmware) ? firmware : throw new FormatException($"not an iLO firmware version: '{version}' (expected e.g. 2.78)");
    }

    public static bool TryParse(string? version, out IloFirmware firmware)
    {
        firmware = default;
        var parts = version?.Split('.') ?? [];
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            || parts[1].Length != 2 || major > 99)
        {
            return false;
        }

        firmware = new IloFirmware(major, minor);
        return true;
    }

    public bool IsAtLeast(int major, int minor) => CompareTo(new IloFirmware(major, minor)) >= 0;

    public int CompareTo(IloFirmware other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public static bool operator <(IloFirmware left, IloFirmware right) => left.CompareTo(right) < 0;
    public static bool operator >(IloFirmware left, IloFirmware right) => left.CompareTo(right) > 0;
    public static bool operator <=(IloFirmware left, IloFirmware right) => left.CompareTo(right) <= 0;
    public static bool operator >=(IloFirmware left, IloFirmware right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor:00}");
}
