namespace IloBackup.Engine.Repository;

/// <summary>
/// The few aggregate reads a catalog answers so <see cref="CatalogFleetSummary"/> can be put together without listing every row
/// (each catalog in its SQL; <see cref="CatalogFleetQueries.SummaryAsync"/> puts the answers together, the same for both).
/// A part is the rows of one serial (matched exactly, <c>bySerial</c>) or of one host (exact spelling) that named no serial.
/// </summary>
internal interface ICatalogFleetSource
{
    /// <summary>Each part's key, row count, newest row, newest good (candidate) row and newest successful row with a file.</summary>
    Task<IReadOnlyList<CatalogPartMarks>> PartsAsync(bool bySerial, CancellationToken cancellationToken);

    Task<IReadOnlyList<BackupEntry>> RowsAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken);

    /// <summary>Per part, each (generation, firmware) of its rows taken after the given time (ms), with the newest such time.</summary>
    Task<IReadOnlyList<(string Key, CatalogFirmwareSeen Seen)>> FirmwareSinceAsync(
        bool bySerial, IReadOnlyList<(string Key, long AfterMs)> parts, CancellationToken cancellationToken);

    /// <summary>Every host (exact spelling) the catalog has rows of.</summary>
    Task<IReadOnlyList<string>> HostsAsync(CancellationToken cancellationToken);

    /// <summary>For each of <paramref name="hosts"/> (exact spelling), its newest row that named a serial, if any.</summary>
    Task<IReadOnlyList<CatalogHostSerial>> HostSerialsAsync(IReadOnlyList<string> hosts, CancellationToken cancellationToken);

    Task<IReadOnlyList<CatalogOutcomeCount>> OutcomesAsync(CancellationToken cancellationToken);
}

/// <summary>One part's aggregates as a catalog answers them (ids of its newest rows).</summary>
internal sealed record CatalogPartMarks(string Key, long Attempts, long NewestId, long? GoodId, long? SucceededId);

internal static class CatalogFleetQueries
{
    /// <summary>The catalog's answers put together (call inside one read transaction, so they agree with each other).</summary>
    public static async Task<CatalogFleetSummary> SummaryAsync(ICatalogFleetSource source, CancellationToken cancellationToken)
    {
        var bySerial = await source.PartsAsync(bySerial: true, cancellationToken).ConfigureAwait(false);
        var byHost = await source.PartsAsync(bySerial: false, cancellationToken).ConfigureAwait(false);
        var ids = bySerial.Concat(byHost)
            .SelectMany(p => new[] { p.NewestId, p.GoodId ?? p.NewestId, p.SucceededId ?? p.NewestId })
            .Distinct().ToList();
        var rows = (await source.RowsAsync(ids, cancellationToken).ConfigureAwait(false)).ToDictionary(r => r.Id);
        var parts = new List<CatalogServerRows>(bySerial.Count + byHost.Count);
        foreach (var (marks, serial) in new[] { (bySerial, true), (byHost, false) })
        {
            var built = marks.Select(m => new CatalogServerRows
            {
                Serial = serial ? m.Key : null,
                Attempts = m.Attempts,
                Newest = Row(rows, m.NewestId),
                NewestGood = m.GoodId is { } good ? Row(rows, good) : null,
                NewestSucceeded = m.SucceededId is { } succeeded ? CatalogRowMark.Of(Row(rows, succeeded)) : null,
            }).ToList();

            // Only rows newer than the part's good backup can make it stale: none to read where the good backup is the newest row.
            var since = built.Where(p => p.NewestGood is null || p.Newest.TakenAt > p.NewestGood.TakenAt)
                .Select(p => (Key(p), p.NewestGood?.TakenAt.ToUnixTimeMilliseconds() ?? long.MinValue))
                .ToList();
            var seen = (since.Count == 0 ? [] : await source.FirmwareSinceAsync(serial, since, cancellationToken).ConfigureAwait(false))
                .ToLookup(s => s.Key, s => s.Seen, StringComparer.Ordinal);
            parts.AddRange(built.Select(p => seen.Contains(Key(p)) ? p with { FirmwareSince = [.. seen[Key(p)]] } : p));
        }

        IReadOnlyList<CatalogHostSerial> hostSerials = [];
        if (byHost.Count > 0)
        {
            var unnamed = byHost.Select(p => p.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var hosts = (await source.HostsAsync(cancellationToken).ConfigureAwait(false)).Where(unnamed.Contains).ToList();
            hostSerials = await source.HostSerialsAsync(hosts, cancellationToken).ConfigureAwait(false);
        }

        var outcomes = await source.OutcomesAsync(cancellationToken).ConfigureAwait(false);
        return new CatalogFleetSummary { Parts = parts, HostSerials = hostSerials, Outcomes = outcomes };
    }

    private static string Key(CatalogServerRows part) => part.Serial ?? part.Host;

    private static BackupEntry Row(Dictionary<long, BackupEntry> rows, long id) =>
        rows.TryGetValue(id, out var row) ? row : throw new RepositoryException($"catalog row {id} vanished while the fleet was read");
}
