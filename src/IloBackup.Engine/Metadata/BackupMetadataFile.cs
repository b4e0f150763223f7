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
                var what = e switch
                {
                    JsonException { LineNumber: { } line } => $"it is not valid JSON (line {line + 1})",
                    JsonException => "it is not valid JSON",
                    _ => $"it lacks what ilobackup writes there ({e.Message})",
                };
                throw new InvalidDataException(
                    $"the metadata file beside the backup is damaged: {path}: {what}. The backup file itself may be intact: "
                    + $"move {Path.GetFileName(path)} aside to use the backup without it (restore then checks it by its name only), "
                    + "or restore from the repository", e);
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
