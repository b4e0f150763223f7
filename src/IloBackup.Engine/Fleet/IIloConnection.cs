using IloBackup.Engine.Backup;
using IloBackup.Engine.Identity;
using IloBackup.Engine.Metadata;

namespace IloBackup.Engine.Fleet;

/// <summary>One logged-in session on one iLO. <see cref="IAsyncDisposable.DisposeAsync"/> always logs out.</summary>
public interface IIloConnection : IAsyncDisposable
{
    /// <summary>The cheap read: serial number, product, generation and firmware.</summary>
    Task<IloIdentity> ReadIdentityAsync(CancellationToken cancellationToken);

    /// <summary>Creates the backup on the iLO, downloads it into <paramref name="sink"/> and commits it there.</summary>
    Task<BackupMetadata> BackupAsync(BackupSink sink, CancellationToken cancellationToken);

    /// <summary>Sets <c>CustomBackupandRestore</c> and reads it back; with null, only reads it.</summary>
    Task<CustomBackupChange> SetCustomBackupAsync(bool? enabled, CancellationToken cancellationToken);
}
