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
        w.WriteNumber("stale", report.Stale);
        w.WriteNumber("firstBackups", report.FirstBackups);
        w.WriteNumber("suspect", report.Suspect);
        w.WriteString("startedAt", report.StartedAt.ToUniversalTime());
        w.WriteNumber("durationSeconds", Math.Round(report.Duration.TotalSeconds, 3));
        w.WriteNumber("exitCode", report.ExitCode);
        w.WriteEndObject();
        w.WriteStartArray("hosts");
        foreach (var o in report.Outcomes)
        {
            Write(w, o);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void Write(Utf8JsonWriter w, HostOutcome o)
    {
        var r = o.Result;
        w.WriteStartObject();
        w.WriteString("host", o.Host.Address);
        w.WriteString("status", o.Status.ToString().ToLowerInvariant());
        Text(w, "reason", o.Reason);
        Text(w, "serial", r?.Identity.SerialNumber ?? o.Host.Serial);
        Text(w, "product", r?.Identity.ProductName);
        Text(w, "generation", r?.Identity.IloGeneration);
        Text(w, "firmware", r?.Identity.FirmwareVersion);
        if (r?.BackupId is { } id)
        {
            w.WriteNumber("backupId", id);
        }

        Text(w, "sha256", r?.Sha256);
        if (r?.Size is { } size)
        {
            w.WriteNumber("size", size);
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

        Text(w, "previousFirmware", r?.PreviousFirmware);
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
