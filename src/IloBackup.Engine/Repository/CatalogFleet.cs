using IloBackup.Engine.Fleet;

namespace IloBackup.Engine.Repository;

/// <summary>
/// The fleet's servers from the catalog's aggregates (<see cref="CatalogFleetSummary"/>), as the dashboard keys them: rows that name a
/// serial are that serial's (matched exactly); the rows of a host that named no serial join the serial the host's newest row with one
/// named (hosts matched case-insensitively), else they are the server <c>host:ADDRESS</c>. Ordered by serial (else host), case-insensitively.
/// </summary>
public static class CatalogFleet
{
    public const string HostKeyPrefix = "host:";

    public static IReadOnlyList<CatalogFleetServer> Servers(CatalogFleetSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var serialOfHost = new Dictionary<string, CatalogHostSerial>(StringComparer.OrdinalIgnoreCase);
        foreach (var named in summary.HostSerials)
        {
            if (!serialOfHost.TryGetValue(named.Host, out var known)
                || new CatalogRowMark(named.Id, named.TakenAt, false).IsNewerThan(new CatalogRowMark(known.Id, known.TakenAt, false)))
            {
                serialOfHost[named.Host] = named;
            }
        }

        return
        [
            .. summary.Parts
                .GroupBy(p => p.Serial ?? (serialOfHost.TryGetValue(p.Host, out var named) ? named.Serial : HostKeyPrefix + p.Host), StringComparer.Ordinal)
                .Select(g => Server(g.Key, [.. g]))
                .OrderByDescending(s => CatalogRowMark.Of(s.LastAttempt), Newest.Instance) // as the groups of a newest-first list come
                .OrderBy(s => s.Serial ?? s.Host, StringComparer.OrdinalIgnoreCase),
        ];
    }

    private static CatalogFleetServer Server(string key, List<CatalogServerRows> parts)
    {
        var last = parts.Select(p => p.Newest).MaxBy(CatalogRowMark.Of, Newest.Instance)!;
        var good = parts.Select(p => p.NewestGood).OfType<BackupEntry>().MaxBy(CatalogRowMark.Of, Newest.Instance);
        CatalogRowMark? succeeded = null;
        foreach (var mark in parts.Select(p => p.NewestSucceeded).OfType<CatalogRowMark>())
        {
            succeeded = succeeded is { } known && !mark.IsNewerThan(known) ? known : mark;
        }

        var stale = good is not null && parts.SelectMany(p => p.FirmwareSince).Any(seen => seen.NewestAt > good.TakenAt
            && FirmwareVersion.IsOlder(good.Identity.IloGeneration, good.Identity.FirmwareVersion, seen.Generation, seen.Firmware));
        return new CatalogFleetServer
        {
            Key = key,
            LastAttempt = last,
            LastGood = good,
            Suspect = succeeded is { Suspect: true },
            Stale = stale,
            Attempts = parts.Sum(p => p.Attempts),
        };
    }

    /// <summary>Orders marks by their place in "newest first": the newer is the greater.</summary>
    private sealed class Newest : IComparer<CatalogRowMark>
    {
        public static readonly Newest Instance = new();

        public int Compare(CatalogRowMark x, CatalogRowMark y) => x.Equals(y) ? 0 : x.IsNewerThan(y) ? 1 : -1;
    }
}
