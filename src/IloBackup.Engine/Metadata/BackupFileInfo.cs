using System.Security.Cryptography;

namespace IloBackup.Engine.Metadata;

/// <summary>
/// What is known about a backup file without parsing it: from its metadata, else its name, else
/// nothing; plus whether its bytes still match the metadata.
/// </summary>
public sealed record BackupFileInfo(
    string FilePath,
    long SizeBytes,
    string Sha256,
    BackupFileKnowledge Knowledge,
    string? SerialNumber,
    BackupMetadata? Metadata)
{
    /// <summary>The name the file is uploaded under (null: its own); a repository object's is the backup's, not its hash.</summary>
    public string? UploadName { get; init; }

    /// <summary>False when the metadata records another size or hash: the file was changed or damaged.</summary>
    public bool MatchesMetadata => Metadata is null
        || (Metadata.SizeBytes == SizeBytes && string.Equals(Metadata.Sha256, Sha256, StringComparison.OrdinalIgnoreCase));

    public static async Task<BackupFileInfo> DescribeAsync(string filePath, CancellationToken cancellationToken)
    {
        var file = new FileInfo(filePath);
        if (!file.Exists)
        {
            throw new FileNotFoundException($"{filePath} does not exist", filePath);
        }

        string sha256;
        var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 81920,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }

        var metadata = await BackupMetadataFile.TryReadAsync(file.FullName, cancellationToken).ConfigureAwait(false);
        if (metadata is not null)
        {
            return new BackupFileInfo(file.FullName, file.Length, sha256, BackupFileKnowledge.Metadata,
                metadata.Identity.SerialNumber ?? BackupFileName.TryGetSerialNumber(metadata.FileName), metadata);
        }

        var serial = BackupFileName.TryGetSerialNumber(file.Name);
        return new BackupFileInfo(file.FullName, file.Length, sha256,
            serial is null ? BackupFileKnowledge.Nothing : BackupFileKnowledge.FileName, serial, null);
    }
}
