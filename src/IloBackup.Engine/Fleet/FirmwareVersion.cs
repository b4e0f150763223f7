using System.Globalization;
using System.Text.RegularExpressions;

namespace IloBackup.Engine.Fleet;

/// <summary>Compares iLO firmware versions as iLOs write them (<c>2.78</c>, <c>iLO 5 v2.78</c>, <c>1.10.2</c>).</summary>
public static partial class FirmwareVersion
{
    /// <summary>
    /// True when a backup taken on <paramref name="backedUp"/> (generation <paramref name="backedUpGeneration"/>)
    /// is older than what the iLO runs now. Unknown versions count as stale: better one backup too many.
    /// </summary>
    public static bool IsOlder(string? backedUpGeneration, string? backedUp, string? nowGeneration, string? now)
    {
        if (!string.Equals(backedUpGeneration?.Trim(), nowGeneration?.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var before = Parse(backedUp);
        var current = Parse(now);
        if (before is null || current is null)
        {
            return !string.Equals(backedUp?.Trim(), now?.Trim(), StringComparison.OrdinalIgnoreCase);
        }

        return Compare(before, current) < 0;
    }

    internal static int[]? Parse(string? version)
    {
        if (version is null)
        {
            return null;
        }

        var match = Numbers().Match(version);
        return match.Success
            ? [.. match.Value.Split('.').Select(p => int.Parse(p, NumberStyles.None, CultureInfo.InvariantCulture))]
            : null;
    }

    internal static int Compare(int[] a, int[] b)
    {
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : 0;
            var y = i < b.Length ? b[i] : 0;
            if (x != y)
            {
                return x.CompareTo(y);
            }
        }

        return 0;
    }

    // The first dotted number: "iLO 5 v2.78" → 2.78 (the generation's "5" has no dot).
    [GeneratedRegex(@"\d{1,6}(\.\d{1,6})+")]
    private static partial Regex Numbers();
}
