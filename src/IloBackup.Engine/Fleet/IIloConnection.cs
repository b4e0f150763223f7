using IloBackup.Engine.Identity;

namespace IloBackup.Engine.Fleet;

/// <summary>One logged-in session on one iLO. <see cref="IAsyncDisposable.DisposeAsync"/> always logs out.</summary>
public interface IIloConnection : IAsyncDisposable
{
    /// <summary>The cheap read: serial number, product, generation and firmware.</summary>
    Task<IloIdentity> ReadIdentityAsync(CancellationToken cancellationToken);

    /// <summary>Creates the backup on the iLO, downloads and checks it into <paramref name="stagingDirectory"/>.</summary>
    Task<StagedBackup> BackupAsync(string stagingDirectory, CancellationToken cancellationToken);

    /// <summary>Sets <c>CustomBackupandRestore</c> and reads it back.</summary>
    Task<CustomBackupChange> SetCustomBackupAsync(bool enabled, CancellationToken cancellationToken);
}
