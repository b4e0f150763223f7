using System.Text.Json.Nodes;
using IloBackup.Cli.Diff;
using IloBackup.Engine.Repository;
using IloBackup.Engine.Restore;

namespace IloBackup.Cli.Restore;

/// <summary>
/// The restore's pre-flight additions of issue 15: which newer repository backups were passed over and why,
/// and what the restore will change on the iLO (live configuration → backup), rendered as <c>diff</c> renders it.
/// </summary>
internal static class RestoreChanges
{
    public static async Task WriteSkippedAsync(TextWriter output, RepositoryRestoreSource source)
    {
        if (source.Entry is { Suspect: true } chosen)
        {
            await output.WriteLineAsync(
                $"note: backup {chosen.Id} is marked suspect ({chosen.SuspectReason ?? "no reason kept"}): restoring it because --backup chose it").ConfigureAwait(false);
        }

        foreach (var skipped in source.Skipped)
        {
            await output.WriteLineAsync($"skipped backup {skipped.Entry.Id} (taken {Repository.RepoCli.Time(skipped.Entry.TakenAt)}): {skipped.Reason}").ConfigureAwait(false);
        }
    }

    public static async Task WriteAsync(CliConsole console, RestorePreview preview)
    {
        if (preview.Note is { } note)
        {
            await console.Out.WriteLineAsync($"what the restore changes: not shown ({note})").ConfigureAwait(false);
            return;
        }

        await console.Out.WriteLineAsync("what the restore changes (live configuration -> backup):").ConfigureAwait(false);
        await DiffReport.WriteAsync(console, preview.Changes!, json: false).ConfigureAwait(false);
    }

    public static JsonObject AddTo(JsonObject plan, RestorePreview? preview, RepositoryRestoreSource? source)
    {
        if (preview is not null)
        {
            plan["changes"] = preview.Changes is null ? null : new JsonArray(preview.Changes.Select(d => (JsonNode)JsonValue.Create(d.ToString())!).ToArray());
            plan["changesNote"] = preview.Note;
        }

        if (source?.Entry is { } entry)
        {
            plan["backupId"] = entry.Id;
            plan["skipped"] = new JsonArray(source.Skipped.Select(s => (JsonNode)new JsonObject { ["backupId"] = s.Entry.Id, ["reason"] = s.Reason }).ToArray());
        }

        return plan;
    }
}
