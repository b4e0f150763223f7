using System.Text.Json.Nodes;
using IloBackup.Cli.Diff;
using IloBackup.Cli.Output;
using IloBackup.Engine.Identity;
using IloBackup.Engine.Restore;

namespace IloBackup.Cli.Restore;

/// <summary>How a restore plan and result are shown, to people and to scripts.</summary>
internal static class RestoreReport
{
    public static string? Describe(string host, RestoreProgress progress) => progress.Stage switch
    {
        RestoreStage.Uploading => $"{host}: uploading the backup",
        RestoreStage.WaitingForReset => $"{host}: uploaded; waiting for the iLO to reset",
        RestoreStage.WaitingForInternalBackup => $"{host}: the iLO is making its internal backup and defers its reset until that completes; waiting",
        RestoreStage.Unreachable => $"{host}: the iLO is resetting (unreachable)",
        RestoreStage.LoggingIn => $"{host}: the iLO answers again; logging in",
        RestoreStage.Verifying => $"{host}: verifying the restored configuration",
        _ => null,
    };

    /// <summary>A stage's line with the time elapsed and the deadline, e.g. "host: the iLO is resetting (unreachable) · 1:05 elapsed, deadline 10:00".</summary>
    public static string WithClock(string text, TimeSpan elapsed, TimeSpan deadline) =>
        $"{text} · {Clock(elapsed)} elapsed, deadline {Clock(deadline)}";

    /// <summary>m:ss, or h:mm:ss from an hour.</summary>
    public static string Clock(TimeSpan span) => span.TotalHours >= 1
        ? span.ToString(@"h\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture)
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes}:{span.Seconds:00}");

    public static async Task WritePlanAsync(CliConsole console, RestorePlan plan, bool json)
    {
        if (json)
        {
            // Scripts get one document: the plan for a dry run or a refusal, else the result.
            return;
        }

        var m = plan.File.Metadata;
        CliOutput.WriteFacts(console, "restore pre-flight", [
            ("file", plan.File.FilePath),
            ("file's server", plan.File.SerialNumber is null ? "unknown" : $"serial {plan.File.SerialNumber}" + (m is null ? string.Empty : $", {m.Identity.ProductName} ({m.Identity.ProductId})")),
            ("file's iLO", m is null ? "unknown" : $"{m.Identity.IloGeneration} {m.Identity.FirmwareVersion}, backed up {m.CreatedUtc:yyyy-MM-dd HH:mm} UTC"),
            ("target", $"{plan.Host}: {plan.Target}"),
            ("what happens", plan.ExpectedDowntime),
        ]);
        foreach (var note in plan.Notes)
        {
            await console.Out.WriteLineAsync($"note: {note}").ConfigureAwait(false);
        }

        foreach (var problem in plan.Problems)
        {
            await console.Out.WriteLineAsync($"{(plan.Request.Force && problem.CanForce ? "forced" : "problem")}: {problem}").ConfigureAwait(false);
        }
    }

    public static async Task WriteResultAsync(CliConsole console, RestoreResult result, bool json)
    {
        if (json)
        {
            await CliOutput.WriteJsonAsync(console, new JsonObject
            {
                ["host"] = result.Plan.Host,
                ["file"] = result.Plan.File.FilePath,
                ["identityBefore"] = Identity(result.Plan.Target),
                ["identityAfter"] = Identity(result.IdentityAfter),
                ["identityMatches"] = result.IdentityMatches,
                ["resetObserved"] = result.ResetObserved,
                ["durationSeconds"] = Math.Round(result.Duration.TotalSeconds, 3),
                ["snapshotMatches"] = result.SnapshotMatches,
                ["comparisonNote"] = result.ComparisonNote,
                ["eventLogEvidence"] = result.EventLogEvidence,
                ["differences"] = result.Differences is null ? null : new JsonArray(result.Differences.Select(d => (JsonNode)JsonValue.Create(d.ToString())!).ToArray()),
                ["problemsForced"] = new JsonArray(result.Plan.Problems.Select(p => (JsonNode)JsonValue.Create(p.Message)!).ToArray()),
            }).ConfigureAwait(false);
            return;
        }

        CliOutput.WriteFacts(console, "restore", [
            ("host", result.Plan.Host),
            ("server after", result.IdentityAfter.ToString()),
            ("same server", result.IdentityMatches ? "yes" : "NO"),
            ("reset seen", result.ResetObserved ? "yes" : "no (it reset faster than one poll)"),
            ("took", $"{result.Duration.TotalSeconds:0.0} s"),
            ("event log", result.EventLogEvidence ?? "no entry about the restore found (wording differs between firmware versions)"),
            ("configuration", result.SnapshotMatches switch
            {
                null => $"not compared ({result.ComparisonNote})",
                true => "matches the snapshot taken at backup time",
                false => $"{result.Differences!.Count} difference(s) from the snapshot taken at backup time",
            }),
        ]);
        if (result.Differences is { Count: > 0 } differences)
        {
            await DiffReport.WriteAsync(console, differences, json: false).ConfigureAwait(false);
        }
    }

    public static JsonObject PlanJson(RestorePlan plan) => new()
    {
        ["host"] = plan.Host,
        ["file"] = plan.File.FilePath,
        ["knownFrom"] = plan.File.Knowledge.ToString(),
        ["fileSerialNumber"] = plan.File.SerialNumber,
        ["target"] = Identity(plan.Target),
        ["blocked"] = plan.IsBlocked,
        ["problems"] = new JsonArray(plan.Problems.Select(p => (JsonNode)new JsonObject { ["message"] = p.Message, ["canForce"] = p.CanForce }).ToArray()),
        ["notes"] = new JsonArray(plan.Notes.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray()),
    };

    private static JsonObject Identity(IloIdentity identity) => Output.BackupJson.Identity(identity);
}
