namespace IloBackup.Engine.Repository;

/// <summary>
/// Objects no catalog entry refers to (a run killed between storing a file and recording it, another runner whose
/// row is not committed yet, or files of a catalog that was lost). Nothing removes them automatically: only
/// <c>prune --orphans</c>, and only those last written longer ago than the grace period (the store's modification
/// time: the file's, or S3's LastModified), with their records.
/// </summary>
internal static class OrphanObjects
{
    public static async Task<IReadOnlyList<StoredObjectInfo>> FindAsync(
        IObjectStore objects, IReadOnlySet<string> referenced, CancellationToken cancellationToken)
    {
        var names = referenced.Select(objects.NameOf).ToHashSet(StringComparer.Ordinal);
        var orphans = new List<StoredObjectInfo>();
        await foreach (var stored in objects.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!names.Contains(stored.Name))
            {
                orphans.Add(stored);
            }
        }

        return [.. orphans.OrderBy(o => o.Name, StringComparer.Ordinal)];
    }

    public static async Task<(IReadOnlyList<StoredObject> Removed, int Spared)> RemoveAsync(
        BackupRepository repository, IReadOnlySet<string> referenced, TimeSpan grace, DateTimeOffset now, bool dryRun, CancellationToken cancellationToken)
    {
        var removed = new List<StoredObject>();
        var spared = 0;
        var store = repository.Store;
        foreach (var orphan in await FindAsync(store, referenced, cancellationToken).ConfigureAwait(false))
        {
            if (now - orphan.LastModified < grace)
            {
                spared++;
                continue;
            }

            removed.Add(new StoredObject(orphan.Name, orphan.Size));
            if (!dryRun)
            {
                await store.DeleteAsync(orphan.Name, cancellationToken).ConfigureAwait(false);
                await ObjectRecord.DeleteAllAsync(store, orphan.Name, cancellationToken).ConfigureAwait(false);
            }
        }

        return (removed, spared);
    }
}
