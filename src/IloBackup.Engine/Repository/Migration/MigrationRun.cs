namespace IloBackup.Engine.Repository.Migration;

/// <summary>One migration's copying, row by row: object, records, row (see <see cref="RepositoryMigration"/>).</summary>
internal sealed class MigrationRun(BackupRepository source, BackupRepository target, MigrationOptions options)
{
    private readonly HashSet<string> _objectsDone = new(StringComparer.Ordinal);
    private int _rowsCopied;
    private int _rowsSkipped;
    private int _objectsCopied;
    private int _objectsSkipped;
    private long _bytes;
    private int _recordsCopied;
    private int _recordsSkipped;
    private int _missingRecords;

    public async Task<MigrationReport> CopyAsync(IReadOnlyList<BackupEntry> rows, IReadOnlySet<long> done, CancellationToken cancellationToken)
    {
        var handled = 0;
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (done.Contains(row.Id))
            {
                // Its object (verified then) and records went in before it (the repository's order): nothing left to do for it.
                _rowsSkipped++;
                if (row.Sha256 is { } sha && _objectsDone.Add(sha))
                {
                    _objectsSkipped++;
                }
            }
            else
            {
                if (row.Sha256 is { } sha)
                {
                    await CopyObjectAsync(row, sha, cancellationToken).ConfigureAwait(false);
                }

                await target.Catalog.ImportAsync(row, cancellationToken).ConfigureAwait(false);
                _rowsCopied++;
                if (options.AfterRowCopied is { } hook)
                {
                    await hook(row, cancellationToken).ConfigureAwait(false);
                }
            }

            handled++;
            options.Progress?.Invoke(new MigrationProgress(handled, rows.Count, _objectsCopied, _bytes, _rowsSkipped + _objectsSkipped + _recordsSkipped));
        }

        var referenced = rows.Where(r => r.Sha256 is not null).Select(r => source.Store.NameOf(r.Sha256!)).ToHashSet(StringComparer.Ordinal);
        var unreferenced = 0;
        await foreach (var stored in source.Store.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!referenced.Contains(stored.Name))
            {
                unreferenced++;
            }
        }

        return new MigrationReport
        {
            From = string.Empty,
            To = string.Empty,
            Rows = rows.Count,
            RowsCopied = _rowsCopied,
            RowsSkipped = _rowsSkipped,
            Objects = rows.Where(r => r.Sha256 is not null).Select(r => r.Sha256).Distinct(StringComparer.Ordinal).Count(),
            ObjectsCopied = _objectsCopied,
            ObjectsSkipped = _objectsSkipped,
            BytesCopied = _bytes,
            RecordsCopied = _recordsCopied,
            RecordsSkipped = _recordsSkipped,
            MissingRecords = _missingRecords,
            UnreferencedObjectsLeft = unreferenced,
        };
    }

    /// <summary>The object (once per run), checked as read back from the target, then every record the source keeps beside it.</summary>
    private async Task CopyObjectAsync(BackupEntry row, string sha, CancellationToken cancellationToken)
    {
        var from = source.Store.NameOf(sha);
        var to = target.Store.NameOf(sha);
        if (_objectsDone.Add(sha))
        {
            if (await target.Store.RehashAsync(to, cancellationToken).ConfigureAwait(false) == sha)
            {
                _objectsSkipped++;
            }
            else
            {
                await CopyContentAsync(row, sha, from, to, cancellationToken).ConfigureAwait(false);
            }

            await foreach (var key in source.Store.ListRecordsAsync(from, cancellationToken).ConfigureAwait(false))
            {
                if (await target.Store.ReadRecordAsync(to, key.RecordId, cancellationToken).ConfigureAwait(false) is not null)
                {
                    _recordsSkipped++;
                    continue;
                }

                var bytes = await source.Store.ReadRecordAsync(from, key.RecordId, cancellationToken).ConfigureAwait(false)
                    ?? throw new RepositoryException($"the record {key.RecordId} of object {sha} vanished from the source while migrating");
                await target.Store.PutRecordAsync(to, key.RecordId, bytes, cancellationToken).ConfigureAwait(false);
                _recordsCopied++;
            }
        }

        if (row.RecordId is { } record && await target.Store.ReadRecordAsync(to, record, cancellationToken).ConfigureAwait(false) is null)
        {
            _missingRecords++;
        }
    }

    private async Task CopyContentAsync(BackupEntry row, string sha, string from, string to, CancellationToken cancellationToken)
    {
        var content = await source.Store.OpenReadAsync(from, cancellationToken).ConfigureAwait(false)
            ?? throw new RepositoryException($"the file of entry {row.Id} (object {sha}) is missing from the source: run verify on it");
        long size;
        await using (content.ConfigureAwait(false))
        {
            var counted = new CountingStream(content);
            await using (counted.ConfigureAwait(false))
            {
                try
                {
                    await target.Store.PutAsync(to, counted, cancellationToken).ConfigureAwait(false);
                }
                catch (Encryption.ObjectDecryptionException ex)
                {
                    throw new RepositoryException($"the file of entry {row.Id} (object {sha}) cannot be decrypted in the source: {ex.Message}", ex);
                }

                size = counted.BytesRead;
            }
        }

        var back = await target.Store.RehashAsync(to, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(back, sha, StringComparison.Ordinal))
        {
            await target.Store.DeleteAsync(to, cancellationToken).ConfigureAwait(false);
            throw new RepositoryException(
                $"the file of entry {row.Id} reads back from {target.Store.Description} as {back ?? "missing"}, not {sha}: nothing of it is kept there (run verify on the source)");
        }

        _objectsCopied++;
        _bytes += size;
    }
}
