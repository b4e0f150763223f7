namespace IloBackup.Engine.Repository;

/// <summary>
/// The prune pass of <see cref="BackupRepository"/>. Per server, the policy picks what to remove;
/// before removing anything of a server, the files of what it keeps are re-hashed
/// (<see cref="GoodBackup"/>). A damaged, missing or suspect file never counts as the server's good
/// backup: the plan is made again with only verified files counting, and when no good backup would
/// remain nothing of that server is removed. Either way the server is reported (exit code 1).
/// </summary>
internal static class RetentionPrune
{
    public static async Task<PruneReport> RunAsync(
        BackupRepository repository, PrunePolicy policy, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.Validate();
        var now = repository.TimeProvider.GetUtcNow();
        var all = await repository.Catalog.ListAsync(new BackupQuery(), cancellationToken).ConfigureAwait(false);
        var remove = new List<BackupEntry>();
        var problems = new List<PruneProblem>();
        var checker = new GoodBackup(repository.Store);
        foreach (var server in policy.HasRetention ? all.GroupBy(ServerKey) : [])
        {
            var newestFirst = server.ToList();
            var planned = Removable(newestFirst, policy, now, GoodBackup.IsCandidate).ToList();
            if (planned.Count == 0)
            {
                continue;
            }

            var notGood = new List<(long, GoodBackupVerdict)>();
            var verified = new HashSet<long>();
            foreach (var entry in newestFirst.Where(e => GoodBackup.IsCandidate(e) && !planned.Contains(e)))
            {
                var verdict = await checker.CheckAsync(entry, cancellationToken).ConfigureAwait(false);
                if (verdict != GoodBackupVerdict.Good)
                {
                    notGood.Add((entry.Id, verdict));
                }
            }

            if (notGood.Count == 0)
            {
                remove.AddRange(planned);
                continue;
            }

            // A kept file is not good: check every file of the server and plan again with only good ones counting.
            notGood.Clear();
            foreach (var entry in newestFirst.Where(GoodBackup.IsCandidate))
            {
                var verdict = await checker.CheckAsync(entry, cancellationToken).ConfigureAwait(false);
                if (verdict == GoodBackupVerdict.Good)
                {
                    verified.Add(entry.Id);
                }
                else
                {
                    notGood.Add((entry.Id, verdict));
                }
            }

            planned = [.. Removable(newestFirst, policy, now, e => verified.Contains(e.Id))];
            var goodLeft = newestFirst.Any(e => verified.Contains(e.Id) && !planned.Contains(e));
            problems.Add(new PruneProblem(Name(newestFirst[0]), notGood, NothingGoodLeft: !goodLeft));
            if (goodLeft)
            {
                remove.AddRange(planned);
            }
        }

        var removedIds = remove.Select(e => e.Id).ToHashSet();
        var stillUsed = all.Where(e => !removedIds.Contains(e.Id) && e.Sha256 is not null)
            .Select(e => e.Sha256!).ToHashSet(StringComparer.Ordinal);
        var freed = remove.Where(e => e.Sha256 is not null && !stillUsed.Contains(e.Sha256))
            .GroupBy(e => e.Sha256!, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var freedBytes = freed.Sum(e => e.Size ?? 0);
        if (!dryRun && remove.Count > 0)
        {
            // The ids handed out outlive the rows (a rebuilt catalog starts past them), then rows, then files: a crash in
            // between leaves files nobody refers to (kept), never a row without its file.
            await IdHighWaterMark.WriteAsync(
                repository.Store, await repository.Catalog.HighestIdAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            await repository.Catalog.DeleteAsync(removedIds, cancellationToken).ConfigureAwait(false);
            foreach (var entry in freed)
            {
                // The object before its records: a crash in between leaves records without a file, which rebuild ignores.
                var name = repository.Store.NameOf(entry.Sha256!);
                await repository.Store.DeleteAsync(name, cancellationToken).ConfigureAwait(false);
                await ObjectRecord.DeleteAllAsync(repository.Store, name, cancellationToken).ConfigureAwait(false);
            }

            foreach (var entry in remove.Where(e => e.RecordId is not null && e.Sha256 is not null && stillUsed.Contains(e.Sha256)))
            {
                await repository.Store.DeleteRecordAsync(repository.Store.NameOf(entry.Sha256!), entry.RecordId!, cancellationToken).ConfigureAwait(false);
            }
        }

        var (orphans, spared) = policy.RemoveOrphans
            ? await OrphanObjects.RemoveAsync(repository, stillUsed, policy.OrphanGrace, now, dryRun, cancellationToken).ConfigureAwait(false)
            : ([], 0);
        return new PruneReport(remove, all.Count - remove.Count, freed.Count, freedBytes, dryRun)
        {
            Problems = problems,
            OrphansRemoved = orphans,
            OrphansSpared = spared,
        };
    }

    /// <summary>
    /// Which entries of one server the policy removes. <paramref name="isGood"/> says which count as good
    /// backups; the others (failed, and when re-planning damaged, missing or suspect) are kept when newer than
    /// the newest good one or recent, like failed attempts.
    /// </summary>
    private static IEnumerable<BackupEntry> Removable(
        List<BackupEntry> newestFirst, PrunePolicy policy, DateTimeOffset now, Func<BackupEntry, bool> isGood)
    {
        var newestGood = newestFirst.FirstOrDefault(isGood);
        var goodIndex = 0;
        foreach (var entry in newestFirst)
        {
            var recent = policy.KeepWithin is { } within && entry.TakenAt >= now - within;
            bool keep;
            if (isGood(entry))
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

    /// <summary>One server: its serial, else its host; each object of an unknown server (rebuilt without a record) stands alone.</summary>
    private static string ServerKey(BackupEntry e) =>
        e.Identity.SerialNumber is not null ? "serial:" + e.Identity.SerialNumber.ToUpperInvariant()
        : e.Host == CatalogRecovery.UnknownServer ? "object:" + e.Sha256 + ":" + e.Id
        : "host:" + e.Host;

    private static string Name(BackupEntry e) => e.Identity.SerialNumber ?? e.Host;
}
