namespace IloBackup.Engine.Repository;

/// <summary>
/// The one definition of a good backup (issue 11), which prune, restore and recovery share: its
/// outcome is ok, its object is present and matches its SHA-256, and it is not marked suspect.
/// <see cref="IsCandidate"/> is what the catalog alone can tell; <see cref="CheckAsync"/> also re-hashes
/// the file (once per object for the life of this checker).
/// </summary>
public sealed class GoodBackup(IObjectStore objects)
{
    private readonly Dictionary<string, string?> _hashes = new(StringComparer.Ordinal);

    /// <summary>Succeeded, with an object, not suspect: good as far as the catalog knows.</summary>
    public static bool IsCandidate(BackupEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Outcome == BackupOutcome.Succeeded && entry.Sha256 is not null && !entry.Suspect;
    }

    public async Task<GoodBackupVerdict> CheckAsync(BackupEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Outcome != BackupOutcome.Succeeded || entry.Sha256 is null)
        {
            return GoodBackupVerdict.Failed;
        }

        if (entry.Suspect)
        {
            return GoodBackupVerdict.Suspect;
        }

        if (!_hashes.TryGetValue(entry.Sha256, out var actual))
        {
            actual = await objects.RehashAsync(objects.NameOf(entry.Sha256), cancellationToken).ConfigureAwait(false);
            _hashes[entry.Sha256] = actual;
        }

        return actual is null ? GoodBackupVerdict.Missing
            : string.Equals(actual, entry.Sha256, StringComparison.Ordinal) ? GoodBackupVerdict.Good
            : GoodBackupVerdict.Damaged;
    }

    public async Task<bool> IsGoodAsync(BackupEntry entry, CancellationToken cancellationToken) =>
        await CheckAsync(entry, cancellationToken).ConfigureAwait(false) == GoodBackupVerdict.Good;

    /// <summary>Plain words for an entry's verdict, with the reason it is suspect when one was kept.</summary>
    public static string Describe(BackupEntry entry, GoodBackupVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return verdict == GoodBackupVerdict.Suspect && entry.SuspectReason is { } why ? $"marked suspect: {why}" : Describe(verdict);
    }

    /// <summary>Plain words for a verdict ("its file fails its hash check"...).</summary>
    public static string Describe(GoodBackupVerdict verdict) => verdict switch
    {
        GoodBackupVerdict.Good => "good",
        GoodBackupVerdict.Failed => "a failed attempt",
        GoodBackupVerdict.Suspect => "marked suspect",
        GoodBackupVerdict.Missing => "its file is missing",
        _ => "its file fails its hash check",
    };
}
