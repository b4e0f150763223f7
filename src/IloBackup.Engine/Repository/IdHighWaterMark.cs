using System.Text;
using System.Text.Json.Nodes;

namespace IloBackup.Engine.Repository;

/// <summary>
/// The highest backup id a repository ever handed out, kept in its object store so that it outlives the catalog: a
/// catalog rebuilt from the records (which name their rows' ids) starts past it, and an id pruned above the highest
/// remaining one is not handed out again. Prune writes it before removing rows, a migration into its target. It is a
/// record of the pseudo-object <c>NameOf(0…0)</c> (no backup has that hash), so it lives on every store, encrypted
/// when the store is; a new one is written (durably), then the older ones removed.
/// </summary>
internal static class IdHighWaterMark
{
    private const string Kind = "ilobackup id high-water mark";
    private static readonly string ZeroHash = new('0', 64);

    public static string NameIn(IObjectStore store) => store.NameOf(ZeroHash);

    public static async Task WriteAsync(IObjectStore store, long highestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (highestId <= 0)
        {
            return;
        }

        var name = NameIn(store);
        var recordId = Guid.NewGuid().ToString("N");
        var json = new JsonObject { ["kind"] = Kind, ["format"] = 1, ["highestId"] = highestId };
        await store.PutRecordAsync(name, recordId, Encoding.UTF8.GetBytes(json.ToJsonString() + "\n"), cancellationToken).ConfigureAwait(false);
        var older = new List<string>();
        await foreach (var key in store.ListRecordsAsync(name, cancellationToken).ConfigureAwait(false))
        {
            if (key.RecordId != recordId)
            {
                older.Add(key.RecordId);
            }
        }

        foreach (var old in older)
        {
            await store.DeleteRecordAsync(name, old, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The highest mark in the store; 0 when there is none (a mark that cannot be read counts as none).</summary>
    public static async Task<long> ReadAsync(IObjectStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var name = NameIn(store);
        var highest = 0L;
        await foreach (var key in store.ListRecordsAsync(name, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                var bytes = await store.ReadRecordAsync(name, key.RecordId, cancellationToken).ConfigureAwait(false);
                if (bytes is not null && JsonNode.Parse(Encoding.UTF8.GetString(bytes)) is JsonObject json
                    && (string?)json["kind"] == Kind && json["highestId"] is JsonValue value && value.TryGetValue(out long id))
                {
                    highest = Math.Max(highest, id);
                }
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or RepositoryException or InvalidDataException)
            {
                // unreadable: the records' own ids and the old catalog still count
            }
        }

        return highest;
    }
}
