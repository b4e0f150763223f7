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
            var entries = await repository.Catalog.ListAsync(new BackupQuery(), cancellationToken).ConfigureAwait(false);
            return Compute(entries, tagsOfHost, verify, now, baselines);
        }
    }

    /// <summary>From catalog rows, newest first.</summary>
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
        DriftReport? drift = null;
        string? driftProblem = null;
        if (baselines is not null)
        {
            try
            {
                drift = DriftEvaluator.Evaluate(baselines, entries, tagsOfHost, inventoryHosts: null);
                servers = [.. servers.Select(s => s with { Drift = drift.Find(s.Key) })];
            }
            catch (DriftBaselineException ex)
            {
                driftProblem = ex.Message;
            }
        }

        return new FleetState { ComputedAt = now, Servers = servers, Attempts = attempts, Verify = verify, Drift = drift, DriftProblem = driftProblem };
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
