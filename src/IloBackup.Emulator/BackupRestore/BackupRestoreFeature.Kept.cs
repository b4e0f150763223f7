using IloBackup.Emulator.BackupFile;
using IloBackup.Emulator.Ilo;

namespace IloBackup.Emulator.BackupRestore;

/// <summary>
/// The backup kept on the iLO (<c>BackupFiles</c> member <c>1</c>): made only by a POST to the
/// collection, never by reading the service. The service GET makes a download under
/// <c>/bkupdata/</c> instead (a captured iLO 5 leaves <c>BackupFiles</c> empty after it; docs/emulator.md).
/// </summary>
public sealed partial class BackupRestoreFeature
{
    /// <summary>The id iLO gives the kept backup in <c>BackupFiles</c>.</summary>
    public const string KeptBackupId = "1";

    /// <summary>The NAND file of the kept backup (not a <c>/bkupdata/</c> name, so it is not served there).</summary>
    public const string KeptBackupFile = "kept-backup-1.bak";

    /// <summary>The kept backups (at most one, <c>BackupFilesAllowed</c>).</summary>
    public IReadOnlyList<NandFile> KeptBackups => [.. _ilo.Nand.List().Where(f => f.Name == KeptBackupFile)];

    /// <summary>Makes the kept backup of the current configuration, replacing the one kept before.</summary>
    public async Task<NandFile> CreateKeptBackupAsync(CancellationToken cancellationToken)
    {
        var configuration = _ilo.Configuration;
        if (_options.BackupDuration > TimeSpan.Zero)
        {
            await Task.Delay(_options.BackupDuration, _ilo.Time, cancellationToken);
        }

        await WriteNandBackupAsync(KeptBackupFile, configuration, _options.BackupPaddingBytes, cancellationToken);
        return KeptBackups.FirstOrDefault()
            ?? throw new IOException("The kept backup vanished from the NAND right after it was written.");
    }

    /// <summary>Opens kept backup <paramref name="id"/>, or null when there is none.</summary>
    public Stream? OpenKeptBackup(string id) => id == KeptBackupId ? _ilo.Nand.OpenRead(KeptBackupFile) : null;

    /// <summary>Deletes kept backup <paramref name="id"/>; false when there was none.</summary>
    public bool DeleteKeptBackup(string id) => id == KeptBackupId && _ilo.Nand.Delete(KeptBackupFile);

    /// <summary>The header of kept backup <paramref name="id"/>, or null when there is none.</summary>
    public async Task<BackupFileHeader?> ReadKeptBackupHeaderAsync(string id, CancellationToken cancellationToken)
    {
        await using var stream = OpenKeptBackup(id);
        return stream is null ? null : await BackupFileCodec.ReadHeaderAsync(stream, cancellationToken);
    }
}
