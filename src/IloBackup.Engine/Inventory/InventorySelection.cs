using System.Text.RegularExpressions;

namespace IloBackup.Engine.Inventory;

/// <summary>
/// The part of an inventory a fleet verb works on: <c>--tags a,b</c> keeps the iLOs that carry at
/// least one of the tags; <c>--limit P,Q</c> keeps those whose address, host name or serial number
/// matches one of the patterns (<c>*</c> and <c>?</c> as in a shell, case ignored). Both together
/// keep what both keep. The inventory's order is kept.
/// </summary>
public static class InventorySelection
{
    public static IReadOnlyList<InventoryHost> Apply(IReadOnlyList<InventoryHost> hosts, string? tags, string? limit)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var wanted = Split(tags);
        var patterns = Split(limit).Select(Glob).ToArray();
        return [.. hosts.Where(h =>
            (wanted.Length == 0 || h.Tags.Any(t => wanted.Contains(t, StringComparer.OrdinalIgnoreCase)))
            && (patterns.Length == 0 || patterns.Any(p => p.IsMatch(h.Address) || p.IsMatch(h.BaseUri.Host)
                || p.IsMatch(h.Authority) || (h.Serial is not null && p.IsMatch(h.Serial)))))];
    }

    private static string[] Split(string? list) =>
        list is null ? [] : list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static Regex Glob(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
