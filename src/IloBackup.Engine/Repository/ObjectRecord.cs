using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IloBackup.Durability;
using IloBackup.Engine.Identity;

namespace IloBackup.Engine.Repository;

/// <summary>
/// The metadata record of one catalog row, kept beside its object as
/// <c>objects/&lt;aa&gt;/&lt;sha256&gt;.&lt;record id&gt;.json</c>: everything the row holds, so a lost or
/// damaged catalog can be rebuilt from the objects (<see cref="CatalogRecovery"/>). It is written
/// durably (file fsynced, renamed, folder fsynced) after the object and before the row; that one
/// folder fsync also makes the object's rename durable (same folder).
/// </summary>
public static class ObjectRecord
{
    public const int FormatVersion = 1;
    private const string Kind = "ilobackup object record";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string PathOf(ObjectStore objects, string sha256, string recordId)
    {
        ArgumentNullException.ThrowIfNull(objects);
        if (!IsRecordId(recordId))
        {
            throw new ArgumentException($"'{recordId}' is not a record id", nameof(recordId));
        }

        return objects.PathOf(sha256) + "." + recordId + ".json";
    }

    public static bool IsRecordId(string value) =>
        value.Length == 32 && value.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    /// <summary>Writes the record of <paramref name="entry"/> (its object is stored already); returns the record id.</summary>
    public static async Task<string> WriteAsync(ObjectStore objects, NewBackupEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(entry);
        var recordId = Guid.NewGuid().ToString("N");
        var target = PathOf(objects, entry.Sha256!, recordId);
        var bytes = Encoding.UTF8.GetBytes(ToJson(entry with { RecordId = recordId }).ToJsonString(Indented) + "\n");
        Directory.CreateDirectory(objects.TempDirectory);
        var temp = Path.Combine(objects.TempDirectory, $"{recordId}.record.tmp");
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, target, overwrite: false);
            DirectorySync.FlushParentOf(target);
            return recordId;
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Removes a record (no error when it is gone).</summary>
    public static void Delete(ObjectStore objects, string sha256, string recordId)
    {
        try
        {
            File.Delete(PathOf(objects, sha256, recordId));
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Every record file on disk: (object hash, record id, path).</summary>
    public static IEnumerable<(string Sha256, string RecordId, string Path)> Enumerate(ObjectStore objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        if (!Directory.Exists(objects.ObjectsDirectory))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(objects.ObjectsDirectory, "*.json", SearchOption.AllDirectories))
        {
            var parts = Path.GetFileName(file).Split('.');
            if (parts.Length == 3 && ObjectStore.IsHash(parts[0]) && IsRecordId(parts[1])
                && string.Equals(Path.GetFileName(Path.GetDirectoryName(file)), parts[0][..2], StringComparison.Ordinal))
            {
                yield return (parts[0], parts[1], file);
            }
        }
    }

    /// <summary>The record ids beside one object.</summary>
    public static IEnumerable<string> EnumerateFor(ObjectStore objects, string sha256)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var directory = Path.GetDirectoryName(objects.PathOf(sha256))!;
        if (!Directory.Exists(directory))
        {
            return [];
        }

        return Directory.EnumerateFiles(directory, sha256 + ".*.json")
            .Select(f => Path.GetFileName(f).Split('.'))
            .Where(p => p.Length == 3 && IsRecordId(p[1]))
            .Select(p => p[1])
            .ToList();
    }

    /// <summary>Reads a record back as the entry it describes; throws <see cref="InvalidDataException"/> when it is not one.</summary>
    public static async Task<NewBackupEntry> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        try
        {
            var json = JsonNode.Parse(text) as JsonObject ?? throw new FormatException("not a JSON object");
            if ((string?)json["kind"] != Kind || (int?)json["format"] is not FormatVersion)
            {
                throw new FormatException("not a record of this format");
            }

            return new NewBackupEntry
            {
                RecordId = (string?)json["record"] ?? throw new FormatException("no record id"),
                Host = (string?)json["host"] ?? throw new FormatException("no host"),
                Outcome = BackupOutcome.Succeeded,
                TakenAt = DateTimeOffset.Parse((string?)json["takenAt"] ?? throw new FormatException("no time"), CultureInfo.InvariantCulture),
                Identity = new IloIdentity(
                    (string?)json["serial"], (string?)json["product"], (string?)json["productId"], (string?)json["generation"], (string?)json["firmware"]),
                FileName = (string?)json["fileName"],
                Sha256 = (string?)json["sha256"] ?? throw new FormatException("no sha256"),
                Size = (long?)json["size"] ?? throw new FormatException("no size"),
                PasswordProtected = (bool?)json["passwordProtected"] ?? false,
                Snapshot = (string?)json["snapshot"],
                Suspect = json["suspect"] is not null,
                SuspectReason = (string?)json["suspect"],
            };
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path} is not an ilobackup object record: {e.Message}", e);
        }
    }

    private static JsonObject ToJson(NewBackupEntry e)
    {
        var json = Fields(e);
        if (e.Suspect)
        {
            json["suspect"] = e.SuspectReason ?? "marked suspect"; // only in records of suspect backups
        }

        return json;
    }

    private static JsonObject Fields(NewBackupEntry e) => new()
    {
        ["kind"] = Kind,
        ["format"] = FormatVersion,
        ["record"] = e.RecordId,
        ["sha256"] = e.Sha256,
        ["size"] = e.Size,
        ["host"] = e.Host,
        ["outcome"] = "succeeded",
        ["takenAt"] = e.TakenAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        ["serial"] = e.Identity.SerialNumber,
        ["product"] = e.Identity.ProductName,
        ["productId"] = e.Identity.ProductId,
        ["generation"] = e.Identity.IloGeneration,
        ["firmware"] = e.Identity.FirmwareVersion,
        ["fileName"] = e.FileName,
        ["passwordProtected"] = e.PasswordProtected,
        ["snapshot"] = e.Snapshot,
    };
}
