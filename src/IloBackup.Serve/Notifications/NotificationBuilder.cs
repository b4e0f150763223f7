using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using IloBackup.Engine.Fleet;
using IloBackup.Engine.Repository;
using IloBackup.Engine.Snapshots;
using IloBackup.Serve.Reading;
using IloBackup.Serve.Runs;

namespace IloBackup.Serve.Notifications;

/// <summary>Turns run events into notifications: failures and suspect backups as they happen, changes and the summary at the end.</summary>
public static class NotificationBuilder
{
    public static Notification? ForHost(HostCompleted completed)
    {
        ArgumentNullException.ThrowIfNull(completed);
        var host = completed.Host;
        var who = $"{host.Host} (serial {host.Serial ?? "unknown"})";
        if (completed.Outcome.Status == HostStatus.Failed)
        {
            return new Notification(
                NotificationKind.BackupFailed,
                $"iLO backup failed: {host.Host}",
                $"The backup of {who} failed in run {Id(completed.Run)} after {host.Attempts} attempt(s): {host.Reason}",
                Details(completed.Run, host));
        }

        if (completed.Outcome.Result is { Suspect: true } result)
        {
            return new Notification(
                NotificationKind.SuspectBackup,
                $"iLO backup suspect: {host.Host}",
                $"Backup {result.BackupId} of {who} in run {Id(completed.Run)} is suspect: {result.SuspectReason}. "
                + "It is kept, but restores by serial skip it.",
                Details(completed.Run, host));
        }

        return null;
    }

    /// <summary>True when the host's new backup holds a configuration that differs from its previous good backup.</summary>
    public static bool Changed(HostCompleted completed)
    {
        ArgumentNullException.ThrowIfNull(completed);
        return completed.Outcome.Result is { SnapshotUnchanged: false, FirstBackup: false, BackupId: not null };
    }

    /// <summary>The change of one host's configuration, with the differences as <c>ilobackup diff</c> prints them.</summary>
    public static Task<Notification?> ChangeAsync(RepositoryReader reader, HostCompleted completed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(completed);
        return reader.ReadAsync(repository => ChangeAsync(repository, completed, cancellationToken), cancellationToken);
    }

    private static async Task<Notification?> ChangeAsync(BackupRepository repository, HostCompleted completed, CancellationToken cancellationToken)
    {
        var newId = completed.Outcome.Result!.BackupId!.Value;
        var after = await repository.Catalog.GetAsync(newId, cancellationToken).ConfigureAwait(false);
        if (after?.Snapshot is null || after.Identity.SerialNumber is null)
        {
            return null;
        }

        var history = await repository.Catalog.ListAsync(new BackupQuery { Serial = after.Identity.SerialNumber, GoodOnly = true }, cancellationToken).ConfigureAwait(false);
        var before = history.Where(e => e.Id < newId && e.Snapshot is not null).MaxBy(e => e.Id);
        if (before is null)
        {
            return null;
        }

        var differences = SnapshotDiff.Compare(JsonNode.Parse(before.Snapshot!), JsonNode.Parse(after.Snapshot));
        if (differences.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"The configuration of {completed.Host.Host} (serial {after.Identity.SerialNumber}) changed between backup {before.Id} and backup {after.Id}:\n\n");
        foreach (var difference in differences)
        {
            text.Append(difference).Append('\n');
        }

        text.Append(CultureInfo.InvariantCulture, $"{differences.Count} difference(s)");
        var details = Details(completed.Run, completed.Host);
        details["previousBackupId"] = before.Id;
        details["differences"] = new JsonArray(differences.Select(d => (JsonNode)new JsonObject
        {
            ["path"] = d.Path, ["change"] = d.Change.ToString().ToLowerInvariant(), ["before"] = d.Before, ["after"] = d.After,
        }).ToArray());
        return new Notification(NotificationKind.ConfigurationChanged, $"iLO configuration changed: {completed.Host.Host}", text.ToString(), details);
    }

    public static Notification ForRun(RunRecord run, int suspect)
    {
        ArgumentNullException.ThrowIfNull(run);
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"Run {Id(run)} ({run.Trigger}) {(run.State == RunState.Failed ? "failed" : "finished")}: {run.Succeeded} ok, {run.Skipped} skipped, {run.Failed} failed of {run.Total}, {suspect} suspect, in {run.DurationSeconds:0.#} s.");
        if (run.Error is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nError: {run.Error}");
        }

        foreach (var failed in run.Hosts.Where(h => h.Status == "failed"))
        {
            text.Append(CultureInfo.InvariantCulture, $"\nfailed: {failed.Host} — {failed.Reason}");
        }

        var details = new JsonObject
        {
            ["run"] = run.Id, ["trigger"] = run.Trigger, ["state"] = run.State.ToString().ToLowerInvariant(), ["error"] = run.Error,
            ["total"] = run.Total, ["succeeded"] = run.Succeeded, ["skipped"] = run.Skipped, ["failed"] = run.Failed, ["stale"] = run.Stale,
            ["suspect"] = suspect, ["exitCode"] = run.ExitCode, ["durationSeconds"] = run.DurationSeconds,
        };
        var outcome = run.State == RunState.Failed ? "failed" : run.Failed > 0 ? $"{run.Failed} failed" : "ok";
        return new Notification(NotificationKind.RunFinished, $"iLO backup run {Id(run)}: {outcome}", text.ToString(), details);
    }

    private static JsonObject Details(RunRecord run, RunHost host) => new()
    {
        ["run"] = run.Id, ["host"] = host.Host, ["serial"] = host.Serial, ["firmware"] = host.Firmware, ["status"] = host.Status,
        ["backupId"] = host.BackupId, ["reason"] = host.Reason, ["note"] = host.Note, ["attempts"] = host.Attempts,
        ["tags"] = new JsonArray(host.Tags.Select(t => (JsonNode)JsonValue.Create(t)).ToArray()),
    };

    private static string Id(RunRecord run) => run.Id.ToString(CultureInfo.InvariantCulture);
}
