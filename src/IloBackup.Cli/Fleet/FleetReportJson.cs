using System.Text.Json;
using IloBackup.Cli.Repository;
using IloBackup.Engine.Fleet;

namespace IloBackup.Cli.Fleet;

/// <summary>The <c>--json</c> form of a fleet report: a summary and one object per iLO.</summary>
internal static class FleetReportJson
{
    public static string Render(string operation, FleetReport report) => EntryJson.Render(w =>
    {
        w.WriteStartObject();
        w.WriteString("operation", operation);
        w.WriteStartObject("summary");
        w.WriteNumber("total", report.Outcomes.Count);
        w.WriteNumber("succeeded", report.Succeeded);
        w.WriteNumber("skipped", report.Skipped);
        w.WriteNumber("failed", report.Failed);
        w.WriteNumber("taken", report.Taken);
        w.WriteNumber("stale", report.Stale);
        w.WriteNumber("firstBackups", report.FirstBackups);
        w.WriteNumber("suspect", report.Suspect);
        w.WriteString("startedAt", report.StartedAt.ToUniversalTime());
        w.WriteNumber("durationSeconds", Math.Round(report.Duration.TotalSeconds, 3));
        w.WriteNumber("exitCode", report.ExitCode);
        if (report.WasInterrupted)
        {
            // Issue 15: the partial report of a run stopped by Ctrl+C ("total" counts the finished hosts).
            w.WriteBoolean("interrupted", true);
            w.WriteNumber("hostsInInventory", report.Total);
            w.WriteNumber("interruptedWhileRunning", report.CutShort.Count);
            w.WriteNumber("notStarted", report.NotStarted.Count);
            w.WriteString("interruption", report.Interruption);
        }

        w.WriteEndObject();
        if (report.Runner is { } who)
        {
            w.WriteStartObject("runner");
            w.WriteString("name", who.Runner);
            Text(w, "runId", who.RunId);
            w.WriteNumber("leasesTaken", who.LeasesTaken);
            w.WriteNumber("takenByOthers", who.TakenByOthers);
            w.WriteNumber("takenOver", who.TakenOver);
            w.WriteNumber("leaseWaitMs", Math.Round(who.LeaseWait.TotalMilliseconds, 1));
            w.WriteEndObject();
        }

        w.WriteStartArray("hosts");
        foreach (var o in report.Outcomes)
        {
            Write(w, o, report.Runner?.Runner);
        }

        w.WriteEndArray();
        if (report.WasInterrupted)
        {
            Hosts(w, "interruptedWhileRunning", report.CutShort);
            Hosts(w, "notStarted", report.NotStarted);
        }

        w.WriteEndObject();
    });

    private static void Hosts(Utf8JsonWriter w, string name, IReadOnlyList<IloBackup.Engine.Inventory.InventoryHost> hosts)
    {
        w.WriteStartArray(name);
        foreach (var host in hosts)
        {
            w.WriteStringValue(host.Address);
        }

        w.WriteEndArray();
    }

    private static void Write(Utf8JsonWriter w, HostOutcome o, string? runner)
    {
        var r = o.Result;
        w.WriteStartObject();
        w.WriteString("host", o.Host.Address);
        w.WriteString("status", o.Status.ToString().ToLowerInvariant());
        Text(w, "runner", r?.Runner ?? (o.Status is HostStatus.Succeeded or HostStatus.Failed ? runner : null));
        Text(w, "reason", o.Reason);
        Text(w, "serialNumber", r?.Identity.SerialNumber ?? o.Host.Serial);
        Text(w, "productName", r?.Identity.ProductName);
        Text(w, "generation", r?.Identity.IloGeneration);
        Text(w, "firmwareVersion", r?.Identity.FirmwareVersion);
        if (r?.BackupId is { } id)
        {
            w.WriteNumber("backupId", id);
        }

        Text(w, "sha256", r?.Sha256);
        if (r?.Size is { } size)
        {
            w.WriteNumber("sizeBytes", size);
        }

        if (r?.SnapshotUnchanged is { } unchanged)
        {
            w.WriteBoolean("snapshotUnchanged", unchanged);
        }

        if (r?.WasStale is { } stale)
        {
            w.WriteBoolean("stale", stale);
        }

        if (r?.FirstBackup == true)
        {
            w.WriteBoolean("firstBackup", true);
        }

        if (r?.Suspect == true)
        {
            w.WriteBoolean("suspect", true);
            Text(w, "suspectReason", r.SuspectReason);
        }

        Text(w, "previousFirmwareVersion", r?.PreviousFirmware);
        Text(w, "message", r?.Message);
        w.WriteNumber("attempts", o.Attempts);
        w.WriteNumber("durationSeconds", Math.Round(o.Duration.TotalSeconds, 3));
        w.WriteEndObject();
    }

    private static void Text(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
