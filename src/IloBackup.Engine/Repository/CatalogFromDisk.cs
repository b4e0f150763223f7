namespace IloBackup.Engine.Repository;

/// <summary>
/// The rebuild logic shared by <c>repo rebuild-catalog</c> and <c>repo restore-catalog</c>: every object
/// record whose row the catalog lacks becomes a row again, and every object neither referenced nor
/// described by a record comes back with its hash and size only, as <see cref="CatalogRecovery.UnknownServer"/>.
/// Rows are added oldest first, so "snapshot unchanged" is worked out as when they were first recorded.
/// </summary>
internal static class CatalogFromDisk
{
    public static async Task<(int FromRecords, int Unknown, int Unreadable)> AddMissingAsync(
        IBackupCatalog catalog, ObjectStore objects, CancellationToken cancellationToken)
    {
        var existing = await catalog.ListAsync(new BackupQuery(), cancellationToken).ConfigureAwait(false);
        var knownRecords = existing.Where(e => e.RecordId is not null).Select(e => e.RecordId!).ToHashSet(StringComparer.Ordinal);
        var referenced = existing.Where(e => e.Sha256 is not null).Select(e => e.Sha256!).ToHashSet(StringComparer.Ordinal);
        var onDisk = objects.EnumerateObjects().ToHashSet(StringComparer.Ordinal);
        var described = new HashSet<string>(StringComparer.Ordinal);
        var toAdd = new List<NewBackupEntry>();
        var unreadable = 0;
        foreach (var (sha256, recordId, path) in ObjectRecord.Enumerate(objects).ToList())
        {
            if (!onDisk.Contains(sha256))
            {
                continue; // its file is gone (removed by prune after the record): nothing to bring back
            }

            if (knownRecords.Contains(recordId))
            {
                described.Add(sha256);
                continue;
            }

            try
            {
                var entry = await ObjectRecord.ReadAsync(path, cancellationToken).ConfigureAwait(false);
                if (entry.Sha256 != sha256 || entry.RecordId != recordId)
                {
                    throw new InvalidDataException($"{path} describes another object or record");
                }

                toAdd.Add(entry);
                described.Add(sha256);
            }
            catch (InvalidDataException)
            {
                unreadable++;
            }
        }

        var unknown = 0;
        foreach (var sha256 in onDisk.Where(h => !referenced.Contains(h) && !described.Contains(h)))
        {
            var file = new FileInfo(objects.PathOf(sha256));
            toAdd.Add(new NewBackupEntry
            {
                Host = CatalogRecovery.UnknownServer,
                Outcome = BackupOutcome.Succeeded,
                TakenAt = new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero),
                Sha256 = sha256,
                Size = file.Length,
            });
            unknown++;
        }

        foreach (var entry in toAdd.OrderBy(e => e.TakenAt).ThenBy(e => e.RecordId, StringComparer.Ordinal))
        {
            await catalog.AddAsync(entry, cancellationToken).ConfigureAwait(false);
        }

        return (toAdd.Count - unknown, unknown, unreadable);
    }
}
