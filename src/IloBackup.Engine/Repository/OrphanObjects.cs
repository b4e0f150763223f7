namespace IloBackup.Engine.Repository;

/// <summary>
/// Objects no catalog entry refers to (a run killed between storing a file and recording it, or files
/// of a catalog that was lost). Nothing removes them automatically: only <c>prune --orphans</c>, and
/// only those older than the grace period, with their records.
/// </summary>
internal static class OrphanObjects
{
    public static IReadOnlyList<string> Find(ObjectStore objects, IReadOnlySet<string> referenced) =>
        [.. objects.EnumerateObjects().Where(h => !referenced.Contains(h)).Order(StringComparer.Ordinal)];

    public static (IReadOnlyList<StoredObject> Removed, int Spared) Remove(
        BackupRepository repository, IReadOnlySet<string> referenced, TimeSpan grace, DateTimeOffset now, bool dryRun)
    {
        var removed = new List<StoredObject>();
        var spared = 0;
        foreach (var hash in Find(repository.Objects, referenced))
        {
            var file = new FileInfo(repository.Objects.PathOf(hash));
            if (!file.Exists)
            {
                continue;
            }

            if (now - new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero) < grace)
            {
                spared++;
                continue;
            }

            removed.Add(new StoredObject(hash, file.Length));
            if (!dryRun)
            {
                repository.Objects.Delete(hash);
                foreach (var recordId in ObjectRecord.EnumerateFor(repository.Objects, hash))
                {
                    ObjectRecord.Delete(repository.Objects, hash, recordId);
                }
            }
        }

        return (removed, spared);
    }
}
