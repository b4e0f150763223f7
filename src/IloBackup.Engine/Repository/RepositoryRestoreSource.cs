using System.Text.Json;
using System.Text.Json.Nodes;
using IloBackup.Engine.Identity;
using IloBackup.Engine.Metadata;
using IloBackup.Engine.Restore;
using IloBackup.Engine.Snapshots;

namespace IloBackup.Engine.Repository;

/// <summary>
/// Picks the backup to restore onto a server (the board-replacement case of the seed: by the serial
/// the target reports) and hands the restore the object itself with the entry's metadata, so the
/// pre-flight checks (serial, product, hash) apply unchanged and nothing is copied.
/// </summary>
public sealed class RepositoryRestoreSource(BackupRepository repository, long? id, DateTimeOffset? atOrBefore) : IRestoreSource
{
    /// <summary>The entry chosen, once described.</summary>
    public BackupEntry? Entry { get; private set; }

    public async Task<BackupFileInfo> DescribeAsync(IloIdentity target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var entry = await SelectAsync(repository, target.SerialNumber, id, atOrBefore, cancellationToken).ConfigureAwait(false);
        var path = repository.Objects.PathOf(entry.Sha256!);
        var name = entry.FileName is { } original && BackupFileName.IsSafe(original) ? original : $"backup-{entry.Id}.bak";
        var metadata = ToMetadata(entry, name);
        Entry = entry;
        // SelectAsync re-hashed the object (GoodBackup): its bytes are the entry's.
        return new BackupFileInfo(path, new FileInfo(path).Length, entry.Sha256!, BackupFileKnowledge.Metadata,
            entry.Identity.SerialNumber ?? BackupFileName.TryGetSerialNumber(name), metadata)
        {
            UploadName = name,
        };
    }

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
