using System.Text.Json.Nodes;
using IloBackup.Engine.Snapshots;
using IloBackup.Redfish.Json;

namespace IloBackup.Engine.Restore;

/// <summary>
/// What a restore will change (issue 15, item 2): the differences from the iLO's live configuration to the
/// backup's snapshot, as <c>diff</c> renders them, or why they cannot be shown (<see cref="Note"/>).
/// </summary>
public sealed record RestorePreview(IReadOnlyList<SnapshotDifference>? Changes, string? Note)
{
    /// <summary>Compares the live snapshot (before the restore) with the backup's (what the restore brings back).</summary>
    public static RestorePreview Compare(JsonObject? backup, JsonObject? live)
    {
        if (backup is null)
        {
            return new RestorePreview(null, "the backup has no snapshot: what the restore changes cannot be shown");
        }

        var version = RedfishJson.Int64(backup, "formatVersion");
        if (version != SnapshotReader.FormatVersion)
        {
            return new RestorePreview(null, $"the backup's snapshot has format {version}, this tool takes format {SnapshotReader.FormatVersion}: not compared");
        }

        return live is null
            ? new RestorePreview(null, "the live configuration could not be read")
            : new RestorePreview(SnapshotDiff.Compare(live, backup), null);
    }
}
