using System.Text.Json;
using System.Text.Json.Nodes;
using IloBackup.Engine.Metadata;
using IloBackup.Engine.Snapshots;

namespace IloBackup.Engine.Repository;

/// <summary>
/// Picks the backup to restore onto a server and hands it to the single-iLO restore as an ordinary
/// file with its metadata beside it, so the restore's pre-flight checks (serial, product, hash)
/// apply unchanged. The board-replacement case of the seed: the target is found by its serial.
/// </summary>
public static class RepositoryRestoreSource
{
    /// <summary>
    /// The entry to restore onto the server with serial <paramref name="serial"/>: backup <paramref name="id"/> when given,
    /// else its newest good backup (<see cref="GoodBackup"/>: its file is re-hashed, and a damaged or missing one is
    /// passed over for the next older) taken at or before <paramref name="atOrBefore"/> (null: the newest).
    /// </summary>
    public static async Task<BackupEntry> SelectAsync(
        BackupRepository repository, string? serial, long? id, DateTimeOffset? atOrBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var checker = new GoodBackup(repository.Objects);
        if (id is { } chosen)
        {
            var entry = await repository.GetAsync(chosen, cancellationToken).ConfigureAwait(false)
                ?? throw new RepositoryException($"no backup {chosen} in {repository.Directory}");
            if (!entry.IsGood)
            {
                throw new RepositoryException($"backup {chosen} is a failed attempt ({entry.FailureReason}): nothing to restore");
            }

            var verdict = await checker.CheckAsync(entry, cancellationToken).ConfigureAwait(false);
            return verdict == GoodBackupVerdict.Good
                ? entry
                : throw new RepositoryException($"backup {chosen} is not a good backup: {GoodBackup.Describe(verdict)} (run verify)");
        }

        if (string.IsNullOrEmpty(serial))
        {
            throw new RepositoryException("the iLO reports no serial number: choose a backup with --backup ID");
        }

        var candidates = await repository.Catalog.ListAsync(new BackupQuery { Serial = serial, GoodOnly = true }, cancellationToken).ConfigureAwait(false);
        foreach (var entry in candidates.Where(e => GoodBackup.IsCandidate(e) && (atOrBefore is null || e.TakenAt <= atOrBefore)))
        {
            if (await checker.IsGoodAsync(entry, cancellationToken).ConfigureAwait(false))
            {
                return entry;
            }
        }

        throw new RepositoryException(atOrBefore is { } at
            ? $"no good backup of server {serial} taken at or before {at.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z in {repository.Directory}"
            : $"no good backup of server {serial} in {repository.Directory}");
    }

    /// <summary>
    /// Copies the entry's file into <paramref name="directory"/> under its original name, checking its hash on
    /// the way, and writes the metadata sidecar the restore reads. Returns the file's path.
    /// </summary>
    public static async Task<string> MaterializeAsync(
        BackupRepository repository, BackupEntry entry, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(entry);
        Directory.CreateDirectory(directory);
        var name = entry.FileName is { } original && BackupFileName.IsSafe(original) ? original : $"backup-{entry.Id}.bak";
        var path = Path.Combine(directory, name);
        var source = repository.OpenBackup(entry);
        await using (source.ConfigureAwait(false))
        {
            using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
            var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
            await using (target.ConfigureAwait(false))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
            }

            var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
            if (actual != entry.Sha256)
            {
                File.Delete(path);
                throw new RepositoryException($"backup {entry.Id} is damaged in the repository (object hashes to {actual}): run verify");
            }
        }

        await BackupMetadataFile.WriteAsync(BackupMetadataFile.SidecarPath(path), ToMetadata(entry, name), cancellationToken).ConfigureAwait(false);
        return path;
    }

    public static BackupMetadata ToMetadata(BackupEntry entry, string fileName)
    {
        ArgumentNullException.ThrowIfNull(entry);
        JsonObject? snapshot = null;
        if (entry.Snapshot is not null)
        {
            try
            {
                snapshot = SnapshotText.Parse(entry.Snapshot) as JsonObject;
            }
            catch (JsonException)
            {
                snapshot = null;
            }
        }

        return new BackupMetadata
        {
            FileName = fileName,
            Host = entry.Host,
            Identity = entry.Identity,
            CreatedUtc = entry.TakenAt,
            SizeBytes = entry.Size ?? 0,
            Sha256 = entry.Sha256 ?? string.Empty,
            PasswordProtected = entry.PasswordProtected,
            Snapshot = snapshot,
            Tool = $"ilobackup repository (backup {entry.Id})",
        };
    }
}
