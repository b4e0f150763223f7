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

    /// <summary>Newer backups of the server passed over because they are not good (suspect, damaged, missing), once described.</summary>
    public IReadOnlyList<SkippedBackup> Skipped { get; private set; } = [];

    public async Task<BackupFileInfo> DescribeAsync(IloIdentity target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var (entry, skipped) = await ChooseAsync(repository, target.SerialNumber, id, atOrBefore, cancellationToken).ConfigureAwait(false);
        Skipped = skipped;
        var path = await LocalCopy.OfAsync(repository.Store, entry.Sha256!, cancellationToken).ConfigureAwait(false);
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
    /// else its newest good backup (<see cref="GoodBackup"/>) taken at or before <paramref name="atOrBefore"/> (null: the newest).
    /// </summary>
    public static async Task<BackupEntry> SelectAsync(
        BackupRepository repository, string? serial, long? id, DateTimeOffset? atOrBefore, CancellationToken cancellationToken) =>
        (await ChooseAsync(repository, serial, id, atOrBefore, cancellationToken).ConfigureAwait(false)).Entry;

    /// <summary>
    /// Like <see cref="SelectAsync"/>, and which newer backups were passed over and why. By serial, a suspect backup, or
    /// one whose file is missing or fails its hash check, is passed over for the next older (issue 15). <paramref name="id"/>
    /// overrides the choice: a suspect backup is then restored (the caller says so), but a file that is missing or fails
    /// its hash check is refused, naming the newest good backup of that server to use instead.
    /// </summary>
    public static async Task<RestoreChoice> ChooseAsync(
        BackupRepository repository, string? serial, long? id, DateTimeOffset? atOrBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var checker = new GoodBackup(repository.Store);
        if (id is { } chosen)
        {
            var entry = await repository.GetAsync(chosen, cancellationToken).ConfigureAwait(false)
                ?? throw new RepositoryException($"no backup {chosen} in {repository.Directory}");
            if (!entry.IsGood)
            {
                throw new RepositoryException($"backup {chosen} is a failed attempt ({entry.FailureReason}): nothing to restore");
            }

            var verdict = await checker.CheckAsync(entry with { Suspect = false }, cancellationToken).ConfigureAwait(false);
            if (verdict == GoodBackupVerdict.Good)
            {
                return new RestoreChoice(entry, []);
            }

            var instead = await NewestGoodAsync(repository, checker, entry.Identity.SerialNumber ?? serial, null, [], cancellationToken).ConfigureAwait(false);
            throw new RepositoryException(
                $"backup {chosen} is not a good backup: {GoodBackup.Describe(entry, verdict)} (run verify)"
                + (instead is null ? string.Empty : $"; the newest good backup of {instead.Identity.SerialNumber} is {instead.Id}: use --backup {instead.Id}"));
        }

        if (string.IsNullOrEmpty(serial))
        {
            throw new RepositoryException("the iLO reports no serial number: choose a backup with --backup ID");
        }

        var skipped = new List<SkippedBackup>();
        var good = await NewestGoodAsync(repository, checker, serial, atOrBefore, skipped, cancellationToken).ConfigureAwait(false);
        if (good is not null)
        {
            return new RestoreChoice(good, skipped);
        }

        var passed = skipped.Count == 0 ? string.Empty : $" (passed over: {string.Join("; ", skipped)})";
        throw new RepositoryException(atOrBefore is { } at
            ? $"no good backup of server {serial} taken at or before {at.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z in {repository.Directory}{passed}"
            : $"no good backup of server {serial} in {repository.Directory}{passed}");
    }

    private static async Task<BackupEntry?> NewestGoodAsync(
        BackupRepository repository, GoodBackup checker, string? serial, DateTimeOffset? atOrBefore, List<SkippedBackup> skipped, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(serial))
        {
            return null;
        }

        var candidates = await repository.Catalog.ListAsync(new BackupQuery { Serial = serial, GoodOnly = true }, cancellationToken).ConfigureAwait(false);
        foreach (var entry in candidates.Where(e => e.IsGood && (atOrBefore is null || e.TakenAt <= atOrBefore)))
        {
            var verdict = await checker.CheckAsync(entry, cancellationToken).ConfigureAwait(false);
            if (verdict == GoodBackupVerdict.Good)
            {
                return entry;
            }

            skipped.Add(new SkippedBackup(entry, verdict));
        }

        return null;
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
