using System.Text.Json;
using IloBackup.Cli.Repository;
using IloBackup.Engine.Drift;

namespace IloBackup.Cli.Drift;

/// <summary><c>drift --json</c>: the summary and every server with its deviations (docs/json-output.md).</summary>
internal static class DriftJson
{
    public static string Render(DriftReport report, int exitCode) => EntryJson.Render(w =>
    {
        w.WriteStartObject();
        w.WriteString("baseline", report.Source);
        w.WriteStartObject("summary");
        w.WriteNumber("servers", report.Servers.Count);
        w.WriteNumber("matching", report.Servers.Count(s => s.Status == DriftStatus.Matches));
        w.WriteNumber("drifted", report.Drifted);
        w.WriteNumber("unchecked", report.Unchecked);
        w.WriteNumber("withoutBaseline", report.Servers.Count(s => s.Status == DriftStatus.NoBaseline));
        w.WriteNumber("exitCode", exitCode);
        w.WriteEndObject();
        w.WriteStartArray("servers");
        foreach (var server in report.Servers)
        {
            Server(w, server);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>The stable name of a status: part of the JSON contract.</summary>
    public static string Status(DriftStatus status) => status switch
    {
        DriftStatus.Matches => "matches",
        DriftStatus.Drifted => "drifted",
        DriftStatus.NoGoodBackup => "no-good-backup",
        DriftStatus.NoSnapshot => "no-snapshot",
        _ => "no-baseline",
    };

    private static void Server(Utf8JsonWriter w, ServerDrift server)
    {
        w.WriteStartObject();
        w.WriteString("serialNumber", server.Serial);
        w.WriteString("host", server.Host);
        Strings(w, "tags", server.Tags);
        Strings(w, "baselines", server.Baselines);
        w.WriteString("status", Status(server.Status));
        if (server.Backup is { } backup)
        {
            w.WriteNumber("backupId", backup.Id);
            w.WriteString("takenAt", backup.TakenAt);
        }
        else
        {
            w.WriteNull("backupId");
            w.WriteNull("takenAt");
        }

        w.WriteStartArray("deviations");
        foreach (var d in server.Deviations)
        {
            w.WriteStartObject();
            w.WriteString("baseline", d.Baseline);
            w.WriteString("setting", d.Setting);
            w.WriteString("expected", d.Expected);
            w.WriteString("actual", d.Actual);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }
}
