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
        IBackupCatalog catalog, IObjectStore objects, CancellationToken cancellationToken)
    {
        var existing = await catalog.ListAsync(new BackupQuery(), cancellationToken).ConfigureAwait(false);
        var knownRecords = existing.Where(e => e.RecordId is not null).Select(e => e.RecordId!).ToHashSet(StringComparer.Ordinal);
        var referenced = existing.Where(e => e.Sha256 is not null).Select(e => e.Sha256!).ToHashSet(StringComparer.Ordinal);
        var stored = new Dictionary<string, StoredObjectInfo>(StringComparer.Ordinal);
        await foreach (var info in objects.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            stored[info.Name] = info;
        }

        var referencedNames = referenced.Select(objects.NameOf).ToHashSet(StringComparer.Ordinal);
        var records = new List<StoredRecordKey>();
        await foreach (var key in objects.ListRecordsAsync(null, cancellationToken).ConfigureAwait(false))
        {
            records.Add(key);
        }

        var described = new HashSet<string>(StringComparer.Ordinal);
        var toAdd = new List<NewBackupEntry>();
        var unreadable = 0;
        foreach (var key in records)
        {
            var (name, recordId) = (key.Name, key.RecordId);
            if (!stored.ContainsKey(name))
            {
                continue; // its file is gone (removed by prune after the record): nothing to bring back
            }

            if (knownRecords.Contains(recordId))
            {
                described.Add(name);
                continue;
            }

            try
            {
                var entry = await ObjectRecord.ReadAsync(objects, key, cancellationToken).ConfigureAwait(false);
                if (entry.Sha256 is null || objects.NameOf(entry.Sha256) != name || entry.RecordId != recordId)
                {
                    throw new InvalidDataException($"record {recordId} of {name} describes another object or record");
                }

                toAdd.Add(entry);
                described.Add(name);
            }
            catch (InvalidDataException)
            {
                unreadable++;
            }
        }

        var unknown = 0;
        // An object without a record comes back under its name, which is its SHA-256 on a store that names objects by hash.
        foreach (var info in stored.Values.Where(o => !referencedNames.Contains(o.Name) && !described.Contains(o.Name) && objects.NameOf(o.Name) == o.Name))
        {
            toAdd.Add(new NewBackupEntry
            {
                Host = CatalogRecovery.UnknownServer,
                Outcome = BackupOutcome.Succeeded,
                TakenAt = info.LastModified,
                Sha256 = info.Name,
                Size = info.Size,
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
