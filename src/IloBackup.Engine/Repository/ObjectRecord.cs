using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IloBackup.Engine.Identity;

namespace IloBackup.Engine.Repository;

/// <summary>
/// The metadata record of one catalog row, kept beside its object as
/// <c>objects/&lt;aa&gt;/&lt;sha256&gt;.&lt;record id&gt;.json</c> (on every store, <see cref="IObjectStore.PutRecordAsync"/>): everything the row holds, so a lost or
/// damaged catalog can be rebuilt from the objects (<see cref="CatalogRecovery"/>). It is written
/// durably (file fsynced, renamed, folder fsynced) after the object and before the row; that one
/// folder fsync also makes the object's rename durable (same folder). It names the row's id, reserved before it
/// (<see cref="IBackupCatalog.ReserveIdAsync"/>), so a rebuilt catalog keeps the ids users know.
/// </summary>
public static class ObjectRecord
{
    public const int FormatVersion = 1;
    private const string Kind = "ilobackup object record";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string PathOf(ObjectStore objects, string sha256, string recordId)
    {
        ArgumentNullException.ThrowIfNull(objects);
        return objects.RecordPathOf(sha256, recordId);
    }

    public static bool IsRecordId(string value) => ObjectNames.IsRecordId(value);

    /// <summary>Writes the record of <paramref name="entry"/> (its object is stored already); returns the record id.</summary>
    public static async Task<string> WriteAsync(IObjectStore objects, NewBackupEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(entry);
        var recordId = Guid.NewGuid().ToString("N");
        var bytes = Encoding.UTF8.GetBytes(ToJson(entry with { RecordId = recordId }).ToJsonString(Indented) + "\n");
        await objects.PutRecordAsync(objects.NameOf(entry.Sha256!), recordId, bytes, cancellationToken).ConfigureAwait(false);
        return recordId;
    }

    /// <summary>Removes the records of one object (after the object: a record without its object is ignored by rebuild).</summary>
    public static async Task DeleteAllAsync(IObjectStore objects, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(objects);
        await foreach (var key in objects.ListRecordsAsync(name, cancellationToken).ConfigureAwait(false))
        {
            await objects.DeleteRecordAsync(key.Name, key.RecordId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads a record; throws <see cref="InvalidDataException"/> when it is missing or not one.</summary>
    public static async Task<NewBackupEntry> ReadAsync(IObjectStore objects, StoredRecordKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(key);
        var where = $"record {key.RecordId} of object {key.Name} in {objects.Description}";
        var bytes = await objects.ReadRecordAsync(key.Name, key.RecordId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"{where} is gone");
        return Parse(Encoding.UTF8.GetString(bytes), where);
    }

    private static NewBackupEntry Parse(string text, string path)
    {
        try
        {
            var json = JsonNode.Parse(text) as JsonObject ?? throw new FormatException("not a JSON object");
            if ((string?)json["kind"] != Kind || (int?)json["format"] is not FormatVersion)
            {
                throw new FormatException("not a record of this format");
            }

            return new NewBackupEntry
            {
                Id = (long?)json["id"],
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
                Runner = (string?)json["runner"],
                RunId = (string?)json["runId"],
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
        if (e.Id is { } id)
        {
            json["id"] = id; // the catalog id, reserved before the record (not in records written before ids were kept)
        }

        if (e.Suspect)
        {
            json["suspect"] = e.SuspectReason ?? "marked suspect"; // only in records of suspect backups
        }

        // Only when known (issue 20): which runner took the backup and in which run, so a rebuilt catalog keeps them.
        if (e.Runner is not null)
        {
            json["runner"] = e.Runner;
        }

        if (e.RunId is not null)
        {
            json["runId"] = e.RunId;
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
