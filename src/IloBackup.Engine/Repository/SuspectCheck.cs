using System.Globalization;
using System.Text.Json.Nodes;
using IloBackup.Engine.Snapshots;

namespace IloBackup.Engine.Repository;

/// <summary>
/// Judges a new backup against the server's earlier ones (issue 15): a backup is <i>suspect</i> when it
/// looks like factory defaults although the server's newest good backup did not (the battery failed,
/// the SRAM was lost), or when it lost much since the server's previous backup (accounts, the license
/// or network settings gone). A suspect backup is stored and listed, but never counts as a good backup
/// (<see cref="GoodBackup"/>): restore by serial passes it over and prune never keeps it as the last good one.
/// </summary>
public static class SuspectCheck
{
    /// <summary>
    /// Why <paramref name="snapshot"/> is suspect, or null. <paramref name="newestGood"/> is the server's newest good
    /// (not suspect) backup, <paramref name="previous"/> its newest successful one, suspect or not (either may be null).
    /// Without a snapshot on both sides nothing can be judged: null.
    /// </summary>
    public static string? Judge(string? serial, string? snapshot, BackupEntry? newestGood, BackupEntry? previous) =>
        Judge(serial, ConfigurationFacts.FromText(snapshot), newestGood, previous);

    /// <summary>As <see cref="Judge(string?, string?, BackupEntry?, BackupEntry?)"/>, for a snapshot already parsed (the new backup's).</summary>
    public static string? Judge(string? serial, JsonObject? snapshot, BackupEntry? newestGood, BackupEntry? previous) =>
        Judge(serial, snapshot is null ? null : ConfigurationFacts.From(snapshot), newestGood, previous);

    private static string? Judge(string? serial, ConfigurationFacts? now, BackupEntry? newestGood, BackupEntry? previous)
    {
        if (now is null || string.IsNullOrEmpty(serial))
        {
            return null;
        }

        // Each earlier snapshot is parsed at most once (usually the newest good backup is also the previous one).
        ConfigurationFacts? before = null;
        var beforeParsed = false;
        ConfigurationFacts? Before()
        {
            if (!beforeParsed)
            {
                beforeParsed = true;
                before = ConfigurationFacts.FromText(previous?.Snapshot);
            }

            return before;
        }

        if (LooksLikeFactoryDefaults(now, serial)
            && (newestGood is not null && previous is not null && newestGood.Id == previous.Id ? Before() : ConfigurationFacts.FromText(newestGood?.Snapshot)) is { } good
            && !LooksLikeFactoryDefaults(good, serial))
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"looks like factory defaults (host name ILO{serial}, DHCP, only the factory account, iLO Standard license) where backup {newestGood!.Id} was configured");
        }

        return Before() is { } earlier && Lost(earlier, now) is { Count: > 0 } lost
            ? $"lost since backup {previous!.Id}: {string.Join("; ", lost)}"
            : null;
    }

    /// <summary>The factory host name <c>ILO&lt;serial&gt;</c>, DHCP, at most one local account, the iLO Standard license.</summary>
    public static bool LooksLikeFactoryDefaults(ConfigurationFacts facts, string serial)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var factoryName = "ILO" + serial;
        return facts.HostNames.Count > 0 && facts.HostNames.All(h => string.Equals(h, factoryName, StringComparison.OrdinalIgnoreCase))
            && facts.Dhcp == true
            && facts.Accounts is { Count: <= 1 }
            && facts.StandardLicense;
    }

    /// <summary>What went missing between two snapshots of one server, in words (empty: nothing much).</summary>
    public static IReadOnlyList<string> Lost(ConfigurationFacts before, ConfigurationFacts now)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(now);
        var lost = new List<string>();
        if (before.Accounts is { Count: >= 2 } had && now.Accounts is { } has)
        {
            var gone = had.Where(a => !has.Contains(a, StringComparer.OrdinalIgnoreCase)).ToList();
            if (gone.Count * 2 >= had.Count)
            {
                lost.Add(string.Create(CultureInfo.InvariantCulture, $"{gone.Count} of {had.Count} accounts ({string.Join(", ", gone)})"));
            }
        }

        if (!before.StandardLicense && now.License is not null && now.StandardLicense)
        {
            lost.Add($"the license ({before.License})");
        }

        var network = new List<string>();
        if (before.Dhcp == false && now.Dhcp == true)
        {
            network.Add("static address now DHCP");
        }

        if (before.StaticAddresses.Count > 0 && now.Dhcp is not null && now.StaticAddresses.Count == 0)
        {
            network.Add($"static address {string.Join(", ", before.StaticAddresses)} gone");
        }

        if (before.DnsServers.Count > 0 && now.Dhcp is not null && now.DnsServers.Count == 0)
        {
            network.Add("DNS servers gone");
        }

        if (network.Count > 0)
        {
            lost.Add("network settings (" + string.Join(", ", network) + ")");
        }

        return lost;
    }
}
