namespace IloBackup.Engine.Repository;

/// <summary>
/// The few aggregate reads a catalog answers so <see cref="CatalogFleetSummary"/> can be put together without listing every row
/// (each catalog in its SQL; <see cref="CatalogFleetQueries.SummaryAsync"/> puts the answers together, the same for both).
/// A part is the rows of one serial (matched exactly) or of one host (exact spelling) that named no serial.
/// </summary>
internal interface ICatalogFleetSource
{
    /// <summary>Each serial's (exact) row count, newest row, newest good (candidate) row and newest successful row with a file.</summary>
    Task<IReadOnlyList<CatalogPartMarks>> SerialPartsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Every row without a serial, a few columns each, handed to <paramref name="each"/> as read (not kept): such rows are few,
    /// and a host's probe for its rows without a serial would walk all its rows with one.
    /// </summary>
    Task UnnamedRowsAsync(Action<CatalogUnnamedRow> each, CancellationToken cancellationToken);

    Task<IReadOnlyList<BackupEntry>> RowsAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken);

    /// <summary>Per serial (exact), each (generation, firmware) of its rows taken after the given time (ms), with the newest such time.</summary>
    Task<IReadOnlyList<(string Key, CatalogFirmwareSeen Seen)>> FirmwareSinceAsync(IReadOnlyList<(string Key, long AfterMs)> parts, CancellationToken cancellationToken);

    /// <summary>Every host (exact spelling) the catalog has rows of.</summary>
    Task<IReadOnlyList<string>> HostsAsync(CancellationToken cancellationToken);

    /// <summary>For each of <paramref name="hosts"/> (exact spelling), its newest row that named a serial, if any.</summary>
    Task<IReadOnlyList<CatalogHostSerial>> HostSerialsAsync(IReadOnlyList<string> hosts, CancellationToken cancellationToken);

    Task<IReadOnlyList<CatalogOutcomeCount>> OutcomesAsync(CancellationToken cancellationToken);
}

/// <summary>One part's aggregates as a catalog answers them (ids of its newest rows).</summary>
internal sealed record CatalogPartMarks(string Key, long Attempts, long NewestId, long? GoodId, long? SucceededId);

/// <summary>What a row without a serial adds to its host's part.</summary>
internal readonly record struct CatalogUnnamedRow(
    string Host, long Id, DateTimeOffset TakenAt, bool Succeeded, bool HasFile, bool Suspect, string? Generation, string? Firmware);

internal static class CatalogFleetQueries
{
    /// <summary>The catalog's answers put together (call inside one read transaction, so they agree with each other).</summary>
    public static async Task<CatalogFleetSummary> SummaryAsync(ICatalogFleetSource source, CancellationToken cancellationToken)
    {
        var bySerial = await source.SerialPartsAsync(cancellationToken).ConfigureAwait(false);
        var unnamed = new Unnamed();
        await source.UnnamedRowsAsync(unnamed.Add, cancellationToken).ConfigureAwait(false);
        var byHost = unnamed.Parts();
        var ids = bySerial.Concat(byHost)
            .SelectMany(p => new[] { p.NewestId, p.GoodId ?? p.NewestId, p.SucceededId ?? p.NewestId })
            .Distinct().ToList();
        var rows = (await source.RowsAsync(ids, cancellationToken).ConfigureAwait(false)).ToDictionary(r => r.Id);
        var serialParts = bySerial.Select(m => Part(m, serial: true, rows)).ToList();

        // Only rows newer than a serial's good backup can make it stale: none to read where the good backup is the newest row.
        var since = serialParts.Where(p => p.NewestGood is null || p.Newest.TakenAt > p.NewestGood.TakenAt)
            .Select(p => (p.Serial!, p.NewestGood?.TakenAt.ToUnixTimeMilliseconds() ?? long.MinValue))
            .ToList();
        var seen = (since.Count == 0 ? [] : await source.FirmwareSinceAsync(since, cancellationToken).ConfigureAwait(false))
            .ToLookup(s => s.Key, s => s.Seen, StringComparer.Ordinal);
        var parts = serialParts.Select(p => seen.Contains(p.Serial!) ? p with { FirmwareSince = [.. seen[p.Serial!]] } : p).ToList();
        parts.AddRange(byHost.Select(m => Part(m, serial: false, rows)).Select(p => p with { FirmwareSince = unnamed.FirmwareSince(p.Host, p.NewestGood?.TakenAt) }));

        IReadOnlyList<CatalogHostSerial> hostSerials = [];
        if (byHost.Count > 0)
        {
            var hostsWithout = byHost.Select(p => p.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var hosts = (await source.HostsAsync(cancellationToken).ConfigureAwait(false)).Where(hostsWithout.Contains).ToList();
            hostSerials = await source.HostSerialsAsync(hosts, cancellationToken).ConfigureAwait(false);
        }

        var outcomes = await source.OutcomesAsync(cancellationToken).ConfigureAwait(false);
        return new CatalogFleetSummary { Parts = parts, HostSerials = hostSerials, Outcomes = outcomes };
    }

    private static CatalogServerRows Part(CatalogPartMarks marks, bool serial, Dictionary<long, BackupEntry> rows) => new()
    {
        Serial = serial ? marks.Key : null,
        Attempts = marks.Attempts,
        Newest = Row(rows, marks.NewestId),
        NewestGood = marks.GoodId is { } good ? Row(rows, good) : null,
        NewestSucceeded = marks.SucceededId is { } succeeded ? CatalogRowMark.Of(Row(rows, succeeded)) : null,
    };

    private static BackupEntry Row(Dictionary<long, BackupEntry> rows, long id) =>
        rows.TryGetValue(id, out var row) ? row : throw new RepositoryException($"catalog row {id} vanished while the fleet was read");

    /// <summary>The hosts' rows without a serial, aggregated as they stream by: memory grows with the hosts and firmware versions only.</summary>
    private sealed class Unnamed
    {
        private readonly Dictionary<string, Host> _hosts = new(StringComparer.Ordinal);

        public void Add(CatalogUnnamedRow row)
        {
            var mark = new CatalogRowMark(row.Id, row.TakenAt, row.Suspect);
            if (!_hosts.TryGetValue(row.Host, out var host))
            {
                _hosts[row.Host] = host = new Host { Newest = mark };
            }

            host.Count++;
            host.Newest = mark.IsNewerThan(host.Newest) ? mark : host.Newest;
            if (row.Succeeded && row.HasFile)
            {
                host.Succeeded = host.Succeeded is { } s && !mark.IsNewerThan(s) ? s : mark;
                host.Good = row.Suspect || (host.Good is { } g && !mark.IsNewerThan(g)) ? host.Good : mark;
            }

            if (row.Firmware is not null)
            {
                var key = (row.Generation, row.Firmware);
                host.Firmware[key] = host.Firmware.TryGetValue(key, out var at) && at > row.TakenAt ? at : row.TakenAt;
            }
        }

        public IReadOnlyList<CatalogPartMarks> Parts() =>
            [.. _hosts.Select(h => new CatalogPartMarks(h.Key, h.Value.Count, h.Value.Newest.Id, h.Value.Good?.Id, h.Value.Succeeded?.Id))];

        public IReadOnlyList<CatalogFirmwareSeen> FirmwareSince(string host, DateTimeOffset? after) =>
            [.. _hosts[host].Firmware.Where(f => after is null || f.Value > after).Select(f => new CatalogFirmwareSeen(f.Key.Generation, f.Key.Firmware, f.Value))];

        private sealed class Host
        {
            public long Count { get; set; }
            public CatalogRowMark Newest { get; set; }
            public CatalogRowMark? Good { get; set; }
            public CatalogRowMark? Succeeded { get; set; }
            public Dictionary<(string? Generation, string Firmware), DateTimeOffset> Firmware { get; } = [];
        }
    }
}
