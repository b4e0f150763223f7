namespace IloBackup.Emulator.BackupRestore;

/// <summary>
/// Emulator options of the Backup and Restore service (docs/emulator-backup-restore.md). The reset
/// after a restore uses the fleet's reset duration (<c>--reset-seconds</c>).
/// </summary>
public sealed record BackupRestoreOptions
{
    /// <summary>Default upload limit of a restore: 4 MiB (a real iLO backup is about 15 KB).</summary>
    public const long DefaultMaxUploadBytes = 4L * 1024 * 1024;

    /// <summary>How long creating a backup file takes (<c>--backup-seconds</c>): the service GET answers once it exists.</summary>
    public TimeSpan BackupDuration { get; init; } = TimeSpan.Zero;

    /// <summary>Authenticated filler added to every backup file, to test large files (issue 7). 0 by default.</summary>
    public long BackupPaddingBytes { get; init; }

    /// <summary>Most bytes a restore upload may have; raised by <see cref="BackupPaddingBytes"/> (see <see cref="EffectiveUploadLimit"/>).</summary>
    public long MaxUploadBytes { get; init; } = DefaultMaxUploadBytes;

    /// <summary>How long some functions answer 503 after an automatic custom restore at boot (§6: up to 120 s on a real iLO).</summary>
    public TimeSpan AutoRestoreLimitedDuration { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// How long after answering 200 to a restore the iLO resets (sessions end at once). A logout
    /// sent right after the restore then finds its session gone instead of a dropped connection.
    /// </summary>
    public TimeSpan RestoreResetDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long the always-present internal backup of recent firmware (iLO 5 ≥ 3.16, iLO 6 ≥ 1.71,
    /// iLO 7) takes after a configuration change (<c>--internal-backup-seconds</c>); resets requested
    /// meanwhile wait. Zero: instantaneous, no log entries, nothing deferred.
    /// </summary>
    public TimeSpan InternalBackupDuration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Where uploads are spooled while they are checked (default: <c>spool/</c> under the state directory, or a directory of the fleet's own; see docs/emulator.md).</summary>
    public string? UploadDirectory { get; init; }

    /// <summary>The upload limit in force: padded backups must still be restorable.</summary>
    public long EffectiveUploadLimit
    {
        get
        {
            // A padded file carries the padding, plus a 16-byte tag per 64 KiB chunk of it.
            var padding = BackupPaddingBytes + ((BackupPaddingBytes / (64 * 1024)) + 1) * 16;
            return BackupPaddingBytes > 0 ? checked(MaxUploadBytes + padding) : MaxUploadBytes;
        }
    }

    internal string UploadDirectoryOrDefault => UploadDirectory ?? Path.GetTempPath();

    /// <summary>Checks the values; throws <see cref="ArgumentOutOfRangeException"/> on a bad one.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(BackupDuration, TimeSpan.Zero, nameof(BackupDuration));
        ArgumentOutOfRangeException.ThrowIfNegative(BackupPaddingBytes, nameof(BackupPaddingBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxUploadBytes, 1024, nameof(MaxUploadBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(AutoRestoreLimitedDuration, TimeSpan.Zero, nameof(AutoRestoreLimitedDuration));
        ArgumentOutOfRangeException.ThrowIfLessThan(RestoreResetDelay, TimeSpan.Zero, nameof(RestoreResetDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(InternalBackupDuration, TimeSpan.Zero, nameof(InternalBackupDuration));
    }
}
