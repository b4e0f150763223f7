using System.Security.Cryptography;
using System.Text.Json.Nodes;
using IloBackup.Engine.Metadata;
using IloBackup.Engine.Repository;

namespace IloBackup.Cli.Tests.Repository;

/// <summary>
/// Puts test bytes into a repository the one way production does: through its sink
/// (<see cref="BackupRepository.CreateSink"/>), staged, hashed as they pass, committed.
/// </summary>
internal static class SinkIngest
{
    /// <summary>Stores <paramref name="content"/> as <paramref name="entry"/>; a set <see cref="NewBackupEntry.Sha256"/> is the hash the download claims.</summary>
    public static async Task<BackupEntry> StoreAsync(this BackupRepository repository, NewBackupEntry entry, Stream content, CancellationToken cancellationToken)
    {
        using var sink = repository.CreateSink(entry.Host);
        var name = sink.Prepare(entry.FileName ?? "HPE_UNKNOWN_20261101_1200.bak");
        var output = sink.BeginAttempt();
        await content.CopyToAsync(output, cancellationToken);
        await sink.CompleteAttemptAsync(cancellationToken);
        var metadata = new BackupMetadata
        {
            FileName = name,
            Host = entry.Host,
            Identity = entry.Identity,
            CreatedUtc = entry.TakenAt,
            SizeBytes = sink.Length,
            Sha256 = entry.Sha256 ?? sink.Sha256!,
            PasswordProtected = entry.PasswordProtected,
            Snapshot = entry.Snapshot is null ? null : JsonNode.Parse(entry.Snapshot) as JsonObject,
        };
        await sink.CommitAsync(metadata, cancellationToken);
        return sink.Entry!;
    }

    /// <summary>An object nobody refers to, as a run killed before its catalog row leaves it.</summary>
    public static async Task<StoredObject> PutOrphanAsync(this ObjectStore objects, Stream content, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
        var path = objects.PathOf(sha256);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, buffer.ToArray(), cancellationToken);
        return new StoredObject(sha256, buffer.Length);
    }
}
