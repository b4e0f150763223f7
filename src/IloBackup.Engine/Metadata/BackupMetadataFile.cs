using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IloBackup.Engine.Snapshots;

namespace IloBackup.Engine.Metadata;

/// <summary>Reads and writes the metadata sidecar <c>&lt;backup file&gt;.json</c>, atomically.</summary>
public static class BackupMetadataFile
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string SidecarPath(string backupFilePath) => backupFilePath + ".json";

    /// <summary>The metadata beside <paramref name="backupFilePath"/>, or null when there is none.</summary>
    public static async Task<BackupMetadata?> TryReadAsync(string backupFilePath, CancellationToken cancellationToken)
    {
        var path = SidecarPath(backupFilePath);
        if (!File.Exists(path))
        {
            return null;
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                var node = await JsonNode.ParseAsync(stream, documentOptions: SnapshotText.DocumentOptions, cancellationToken: cancellationToken).ConfigureAwait(false);
                return BackupMetadata.FromJson(node as JsonObject ?? throw new FormatException("not a JSON object"));
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
            {
                throw new InvalidDataException($"{path} is not ilobackup metadata: {e.Message}", e);
            }
        }
    }

    /// <summary>Writes <paramref name="metadata"/> to <paramref name="path"/> via a temporary file, fsync and rename.</summary>
    public static Task WriteAsync(string path, BackupMetadata metadata, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return IloBackup.Durability.DurableFile.WriteAllBytesAsync(
            path, Encoding.UTF8.GetBytes(metadata.ToJson().ToJsonString(Indented) + "\n"), cancellationToken);
    }
}
