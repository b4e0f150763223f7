namespace IloBackup.Engine.Repository;

/// <summary>The verify and prune passes of <see cref="BackupRepository"/>.</summary>
internal static class RepositoryMaintenance
{
    public static async Task<VerifyReport> VerifyAsync(BackupRepository repository, CancellationToken cancellationToken)
    {
        var temporary = 0;
        var orphans = 0;
        var referenced = await repository.Catalog.ReferencedObjectsAsync(cancellationToken).ConfigureAwait(false);
        if (repository.IsReadOnly)
        {
            orphans = repository.Objects.EnumerateObjects().Count(h => !referenced.Contains(h));
        }
        else
        {
            (temporary, orphans) = await repository.CleanUpAsync(cancellationToken).ConfigureAwait(false);
        }

        var entries = await repository.Catalog.ListAsync(new BackupQuery { GoodOnly = true }, cancellationToken).ConfigureAwait(false);
        var users = entries.Where(e => e.Sha256 is not null)
            .GroupBy(e => e.Sha256!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<long>)[.. g.Select(e => e.Id).Order()], StringComparer.Ordinal);
        var corrupt = new List<VerifyProblem>();
        var missing = new List<VerifyProblem>();
        var checkedCount = 0;
        foreach (var (hash, ids) in users.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var actual = await repository.Objects.RehashAsync(hash, cancellationToken).ConfigureAwait(false);
            if (actual is null)
            {
                missing.Add(new VerifyProblem(hash, ids, null));
                continue;
            }

            checkedCount++;
            if (!string.Equals(actual, hash, StringComparison.Ordinal))
            {
                corrupt.Add(new VerifyProblem(hash, ids, actual));
            }
        }

        return new VerifyReport
        {
            ObjectsChecked = checkedCount,
            Corrupt = corrupt,
            Missing = missing,
            OrphanObjects = orphans,
            TemporaryFilesRemoved = temporary,
        };
    }

    public static async Task<PruneReport> PruneAsync(
        BackupRepository repository, PrunePolicy policy, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.Validate();
        var now = repository.TimeProvider.GetUtcNow();
        var all = await repository.Catalog.ListAsync(new BackupQuery(), cancellationToken).ConfigureAwait(false);
        var remove = new List<BackupEntry>();
        foreach (var server in all.GroupBy(e => e.Serial is null ? "host:" + e.Host : "serial:" + e.Serial.ToUpperInvariant()))
        {
            remove.AddRange(Removable([.. server], policy, now)); // newest first, as listed
        }

        var kept = all.Count - remove.Count;
        var removedIds = remove.Select(e => e.Id).ToHashSet();
        var stillUsed = all.Where(e => !removedIds.Contains(e.Id) && e.Sha256 is not null)
            .Select(e => e.Sha256!).ToHashSet(StringComparer.Ordinal);
        var freedObjects = remove.Where(e => e.Sha256 is not null && !stillUsed.Contains(e.Sha256))
            .Select(e => e.Sha256!).Distinct(StringComparer.Ordinal).ToList();
        var freedBytes = freedObjects.Sum(h => remove.First(e => e.Sha256 == h).Size ?? 0);
        if (dryRun)
        {
            return new PruneReport(remove, kept, freedObjects.Count, freedBytes, DryRun: true);
        }

        // Rows first, then files: a crash in between leaves orphan objects (cleaned later), never a row without its file.
        await repository.Catalog.DeleteAsync(removedIds, cancellationToken).ConfigureAwait(false);
        var (_, orphans) = await repository.CleanUpAsync(cancellationToken).ConfigureAwait(false);
        return new PruneReport(remove, kept, orphans, freedBytes, DryRun: false);
    }

    private static IEnumerable<BackupEntry> Removable(List<BackupEntry> newestFirst, PrunePolicy policy, DateTimeOffset now)
    {
        var newestGood = newestFirst.FirstOrDefault(e => e.IsGood);
        var goodIndex = 0;
        foreach (var entry in newestFirst)
        {
            var recent = policy.KeepWithin is { } within && entry.TakenAt >= now - within;
            bool keep;
            if (entry.IsGood)
            {
                keep = entry == newestGood || recent || (policy.KeepLast is { } last && goodIndex < last);
                goodIndex++;
            }
            else
            {
                keep = recent || newestGood is null || entry.TakenAt > newestGood.TakenAt;
            }

            if (!keep)
            {
                yield return entry;
            }
        }
    }
}
