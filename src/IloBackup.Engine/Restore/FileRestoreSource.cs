using IloBackup.Engine.Identity;
using IloBackup.Engine.Metadata;

namespace IloBackup.Engine.Restore;

/// <summary>A backup file on disk, with its <c>.json</c> sidecar when there is one.</summary>
public sealed class FileRestoreSource(string filePath) : IRestoreSource
{
    public Task<BackupFileInfo> DescribeAsync(IloIdentity target, CancellationToken cancellationToken) =>
        BackupFileInfo.DescribeAsync(filePath, cancellationToken);
}
