using IloBackup.Engine.Drift;
using IloBackup.Engine.Fleet;
using IloBackup.Engine.Repository;

namespace IloBackup.Serve.Fleet;

/// <summary>Works out the <see cref="FleetState"/> from the catalog, read-only (no lock: runs may write meanwhile).</summary>
public static class FleetStateReader
{
    public static async Task<FleetState> ReadAsync(
        string repositoryDirectory, Func<string, IReadOnlyList<string>> tagsOfHost, VerifyReport? verify, DateTimeOffset now, CancellationToken cancellationToken,
        DriftBaselineFile? baselines = null)
    {
        ArgumentNullException.ThrowIfNull(tagsOfHost);
        if (!RepositoryLocation.HasCatalog(repositoryDirectory))
        {
            return new FleetState { ComputedAt = now, Verify = verify };
        }

        var repository = await BackupRepository.OpenAsync(repositoryDirectory, new BackupRepositoryOptions { ReadOnly = true }, cancellationToken)
            .ConfigureAwait(false);
        await using (repository.ConfigureAwait(false))
        {
            return await ReadAsync(repository.Catalog, tagsOfHost, verify, now, cancellationToken, baselines).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// From the catalog's aggregates (<see cref="IBackupCatalog.FleetSummaryAsync"/>) and, with baselines, their <c>same-as</c> backups:
    /// what it reads grows with the servers, not with their rows. The same state as <see cref="Compute"/> over every row.
    /// </summary>
    public static async Task<FleetState> ReadAsync(
        IBackupCatalog catalog, Func<string, IReadOnlyList<string>> tagsOfHost, VerifyReport? verify, DateTimeOffset now, CancellationToken cancellationToken,
        DriftBaselineFile? baselines = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(tagsOfHost);
        var summary = await catalog.FleetSummaryAsync(cancellationToken).ConfigureAwait(false);
        var sameAs = new Dictionary<long, BackupEntry>();
        foreach (var id in baselines is null ? [] : DriftEvaluator.SameAsIds(baselines))
        {
            if (await catalog.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                sameAs[id] = entry;
            }
        }

        return FromSummary(summary, sameAs, tagsOfHost, verify, now, baselines);
    }

    /// <summary>From the catalog's aggregates and the <c>same-as</c> backups of <paramref name="baselines"/> (by id).</summary>
    public static FleetState FromSummary(
        CatalogFleetSummary summary, IReadOnlyDictionary<long, BackupEntry> sameAs, Func<string, IReadOnlyList<string>> tagsOfHost, VerifyReport? verify,
        DateTimeOffset now, DriftBaselineFile? baselines = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(tagsOfHost);
        var attempts = new Dictionary<(string, string), long>();
        foreach (var count in summary.Outcomes)
        {
            var succeeded = count.Outcome == BackupOutcome.Succeeded;
            var key = (succeeded ? "succeeded" : "failed", succeeded ? FailureKind.None : FailureKind.Of(count.FailureReason));
            attempts[key] = attempts.GetValueOrDefault(key) + count.Count;
        }

        var fleet = CatalogFleet.Servers(summary);
        var servers = fleet.Select(s => new ServerState
        {
            Key = s.Key, Serial = s.Serial, Host = s.Host, Tags = tagsOfHost(s.Host), LastGood = s.LastGood, LastAttempt = s.LastAttempt,
            Suspect = s.Suspect, Stale = s.Stale, Attempts = checked((int)s.Attempts),
        }).ToList();
        return WithDrift(
            new FleetState { ComputedAt = now, Servers = servers, Attempts = attempts, Verify = verify },
            baselines, () => DriftEvaluator.EvaluateServers(baselines!, fleet, sameAs, tagsOfHost));
    }

    /// <summary>From catalog rows, newest first (every row in memory: the reference <see cref="FromSummary"/> is tested against).</summary>
    public static FleetState Compute(
        IReadOnlyList<BackupEntry> entries, Func<string, IReadOnlyList<string>> tagsOfHost, VerifyReport? verify, DateTimeOffset now,
        DriftBaselineFile? baselines = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(tagsOfHost);
        var attempts = new Dictionary<(string, string), long>();
        foreach (var entry in entries)
        {
            var key = (entry.Outcome == BackupOutcome.Succeeded ? "succeeded" : "failed", entry.Outcome == BackupOutcome.Succeeded ? FailureKind.None : FailureKind.Of(entry.FailureReason));
            attempts[key] = attempts.GetValueOrDefault(key) + 1;
        }

        // Failed attempts of a host that never named its serial are grouped under the host; the rest under the serial.
        var serialOfHost = entries.Where(e => e.Identity.SerialNumber is not null)
            .GroupBy(e => e.Host, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Identity.SerialNumber!, StringComparer.OrdinalIgnoreCase);
        var servers = entries
            .GroupBy(e => e.Identity.SerialNumber ?? serialOfHost.GetValueOrDefault(e.Host) ?? "host:" + e.Host, StringComparer.Ordinal)
            .Select(group => Server(group.Key, [.. group], tagsOfHost))
            .OrderBy(s => s.Serial ?? s.Host, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return WithDrift(
            new FleetState { ComputedAt = now, Servers = servers, Attempts = attempts, Verify = verify },
            baselines, () => DriftEvaluator.Evaluate(baselines!, entries, tagsOfHost, inventoryHosts: null));
    }

    private static FleetState WithDrift(FleetState state, DriftBaselineFile? baselines, Func<DriftReport> evaluate)
    {
        if (baselines is null)
        {
            return state;
        }

        try
        {
            var drift = evaluate();
            return state with { Drift = drift, Servers = [.. state.Servers.Select(s => s with { Drift = drift.Find(s.Key) })] };
        }
        catch (DriftBaselineException ex)
        {
            return state with { DriftProblem = ex.Message };
        }
    }

    private static ServerState Server(string key, List<BackupEntry> newestFirst, Func<string, IReadOnlyList<string>> tagsOfHost)
    {
        var last = newestFirst[0];
        var lastGood = newestFirst.FirstOrDefault(GoodBackup.IsCandidate);
        var newestSucceeded = newestFirst.FirstOrDefault(e => e.IsGood);
        var seen = newestFirst.Where(e => e.Identity.FirmwareVersion is not null).ToList();
        var stale = lastGood is not null && seen.Any(e => e.TakenAt > lastGood.TakenAt
            && FirmwareVersion.IsOlder(lastGood.Identity.IloGeneration, lastGood.Identity.FirmwareVersion, e.Identity.IloGeneration, e.Identity.FirmwareVersion));
        return new ServerState
        {
            Key = key,
            Serial = key.StartsWith("host:", StringComparison.Ordinal) ? null : key,
            Host = last.Host,
            Tags = tagsOfHost(last.Host),
            LastGood = lastGood,
            LastAttempt = last,
            Suspect = newestSucceeded?.Suspect == true,
            Stale = stale,
            Attempts = newestFirst.Count,
        };
    }
}
