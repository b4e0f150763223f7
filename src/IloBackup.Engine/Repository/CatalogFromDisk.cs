using System.Security.Cryptography;

namespace IloBackup.Engine.Repository;

/// <summary>
/// The rebuild logic shared by <c>repo rebuild-catalog</c> and <c>repo restore-catalog</c>: every object
/// record whose row the catalog lacks becomes a row again, and every object neither referenced nor
/// described by a record comes back with its hash and size only, as <see cref="CatalogRecovery.UnknownServer"/>.
/// Rows are added oldest first, so "snapshot unchanged" is worked out as when they were first recorded.
/// <para>
/// Ids: a row comes back under the id its record names (records name it since ids are reserved before them) unless
/// the catalog already holds that id, or a newer record names it too (a reservation lost in a crash before its row);
/// every other row gets a new id past the repository's high-water mark: the highest of the ids in records, the mark
/// prune leaves in the store (<see cref="IdHighWaterMark"/>) and the old catalog's and its copy's, when they can be read.
/// So no id ever names two backups.
/// </para>
/// </summary>
internal static class CatalogFromDisk
{
    /// <summary>Adds the missing rows; the report's counts (<see cref="CatalogRecoveryReport.FromCopy"/> and where the old catalog went are the caller's).</summary>
    public static async Task<CatalogRecoveryReport> AddMissingAsync(
        IBackupCatalog catalog, IObjectStore objects, CancellationToken cancellationToken, long knownHighWater = 0)
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
        var fromRecords = new List<NewBackupEntry>();
        var unreadable = 0;
        foreach (var key in records)
        {
            var (name, recordId) = (key.Name, key.RecordId);
            if (!stored.ContainsKey(name))
            {
                continue; // its file is gone (removed by prune after the record), or the id mark: nothing to bring back
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

                fromRecords.Add(entry);
                described.Add(name);
            }
            catch (InvalidDataException)
            {
                unreadable++;
            }
        }

        var unknown = new List<NewBackupEntry>();
        var unreadableObjects = 0;
        foreach (var info in stored.Values.Where(o => !referencedNames.Contains(o.Name) && !described.Contains(o.Name)))
        {
            if (await UnknownEntryAsync(objects, info, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                unknown.Add(entry);
            }
            else
            {
                unreadableObjects++;
            }
        }

        var highWater = new[]
        {
            knownHighWater,
            await IdHighWaterMark.ReadAsync(objects, cancellationToken).ConfigureAwait(false),
            await catalog.HighestIdAsync(cancellationToken).ConfigureAwait(false),
            fromRecords.Max(e => e.Id) ?? 0,
        }.Max();
        await catalog.ReserveThroughAsync(highWater, cancellationToken).ConfigureAwait(false);
        var toAdd = KeepIds(fromRecords, existing.Select(e => e.Id).ToHashSet()).Concat(unknown);
        foreach (var entry in toAdd.OrderBy(e => e.TakenAt).ThenBy(e => e.RecordId, StringComparer.Ordinal))
        {
            await catalog.AddAsync(entry, cancellationToken).ConfigureAwait(false);
        }

        return new CatalogRecoveryReport
        {
            FromRecords = fromRecords.Count,
            UnknownServer = unknown.Count,
            UnreadableRecords = unreadable,
            UnreadableObjects = unreadableObjects,
        };
    }

    /// <summary>Each record's id kept unless taken by a row, or by a newer record naming it too; those get new ids.</summary>
    private static IEnumerable<NewBackupEntry> KeepIds(List<NewBackupEntry> entries, HashSet<long> taken) =>
        entries.GroupBy(e => e.Id).SelectMany(g => g.Key is not { } id || id <= 0 || taken.Contains(id)
            ? g.Select(e => e with { Id = null })
            : g.OrderByDescending(e => e.TakenAt).ThenByDescending(e => e.RecordId, StringComparer.Ordinal)
                .Select((e, i) => i == 0 ? e : e with { Id = null }));

    /// <summary>
    /// An object without a record, as an <see cref="CatalogRecovery.UnknownServer"/> entry: on a store naming objects by
    /// their hash, from its name and size; on one with keyed names (encryption), by reading it (decryption authenticates
    /// every segment) and checking that its content's hash maps to its name. Null when it cannot be read or does not match.
    /// </summary>
    private static async Task<NewBackupEntry?> UnknownEntryAsync(IObjectStore objects, StoredObjectInfo info, CancellationToken cancellationToken)
    {
        var (sha, size) = ObjectNames.IsHash(info.Name) && objects.NameOf(info.Name) == info.Name
            ? (info.Name, info.Size)
            : await HashContentAsync(objects, info.Name, cancellationToken).ConfigureAwait(false);
        if (sha is null || objects.NameOf(sha) != info.Name)
        {
            return null;
        }

        return new NewBackupEntry
        {
            Host = CatalogRecovery.UnknownServer,
            Outcome = BackupOutcome.Succeeded,
            TakenAt = info.LastModified,
            Sha256 = sha,
            Size = size,
        };
    }

    private static async Task<(string? Sha256, long Size)> HashContentAsync(IObjectStore objects, string name, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await objects.OpenReadAsync(name, cancellationToken).ConfigureAwait(false);
            if (stream is null)
            {
                return (null, 0);
            }

            await using (stream.ConfigureAwait(false))
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[ObjectStore.BufferSize];
                long size = 0;
                int read;
                while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    size += read;
                }

                return (Convert.ToHexStringLower(hash.GetHashAndReset()), size);
            }
        }
        catch (Exception ex) when (ex is Encryption.ObjectDecryptionException or InvalidDataException or IOException)
        {
            return (null, 0); // damaged, not ours, or refused by the store's own checksum: unreadable, never added
        }
    }
}
