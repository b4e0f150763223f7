using IloBackup.Engine.Fleet;

namespace IloBackup.Serve.Runs;

/// <summary>Turns the engine's report into run records.</summary>
internal static class RunRecords
{
    public static RunHost Host(HostOutcome outcome) => Host(outcome, null);

    /// <summary>The row of <paramref name="outcome"/>; a backup made or failed here names <paramref name="runner"/> (this runner).</summary>
    public static RunHost Host(HostOutcome outcome, string? runner)
    {
        var result = outcome.Result;
        return new RunHost
        {
            Host = outcome.Host.Address,
            Serial = result?.Identity.SerialNumber ?? outcome.Host.Serial,
            Firmware = result?.Identity.FirmwareVersion,
            Status = outcome.Status.ToString().ToLowerInvariant(),
            BackupId = result?.BackupId,
            Sha256 = result?.Sha256,
            Seconds = outcome.Duration.TotalSeconds,
            Attempts = outcome.Attempts,
            Reason = outcome.Reason,
            Note = result?.Message,
            Stale = result?.WasStale == true,
            Runner = result?.Runner ?? (outcome.Status is HostStatus.Succeeded or HostStatus.Failed ? runner : null),
            Tags = outcome.Host.Tags,
        };
    }

    public static RunRecord Finished(RunRecord run, FleetReport report, DateTimeOffset now) => run with
    {
        State = RunState.Finished,
        FinishedAt = now,
        Total = report.Outcomes.Count,
        Completed = report.Outcomes.Count,
        Succeeded = report.Succeeded,
        Skipped = report.Skipped,
        Failed = report.Failed,
        Stale = report.Stale,
        DurationSeconds = report.Duration.TotalSeconds,
        Hosts = [.. report.Outcomes.Select(o => Host(o, report.Runner?.Runner))],
        Runner = report.Runner?.Runner,
        RunId = report.Runner?.RunId,
    };

    public static RunRecord Failed(RunRecord run, string error, DateTimeOffset now, TimeSpan duration) => run with
    {
        State = RunState.Failed, FinishedAt = now, Error = error, DurationSeconds = duration.TotalSeconds,
    };

    /// <summary>One line, no stack trace (the messages of the engine and the inventory loader name no secrets).</summary>
    public static string Describe(Exception ex) => ex.Message.ReplaceLineEndings(" ").Trim();
}
