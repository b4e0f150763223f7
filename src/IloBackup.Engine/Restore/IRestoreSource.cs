using IloBackup.Engine.Identity;
using IloBackup.Engine.Metadata;

namespace IloBackup.Engine.Restore;

/// <summary>
/// Where a restore's file comes from: a file on disk (<see cref="FileRestoreSource"/>) or a repository
/// object (<see cref="Repository.RepositoryRestoreSource"/>), read where it is, never copied.
/// </summary>
public interface IRestoreSource
{
    /// <summary>
    /// The file to restore onto <paramref name="target"/> (a repository picks it by the target's serial)
    /// and what is known about it, its hash checked.
    /// </summary>
    Task<BackupFileInfo> DescribeAsync(IloIdentity target, CancellationToken cancellationToken);
}
