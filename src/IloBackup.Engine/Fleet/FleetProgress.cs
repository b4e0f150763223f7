namespace IloBackup.Engine.Fleet;

public enum FleetProgressKind
{
    HostStarted,
    HostRetrying,
    HostCompleted,
}

/// <summary>A progress event of a fleet run, with the running totals.</summary>
public sealed record FleetProgress
{
    public required FleetProgressKind Kind { get; init; }
    public required string Host { get; init; }
    public required int Total { get; init; }
    public required int Completed { get; init; }
    public required int Succeeded { get; init; }
    public required int Skipped { get; init; }
    public required int Failed { get; init; }
    public required int Running { get; init; }
    public required TimeSpan Elapsed { get; init; }

    /// <summary>The outcome, on <see cref="FleetProgressKind.HostCompleted"/>.</summary>
    public HostOutcome? Outcome { get; init; }

    /// <summary>Why the host is being retried, on <see cref="FleetProgressKind.HostRetrying"/>.</summary>
    public string? Reason { get; init; }

    /// <summary>Hosts completed per second so far.</summary>
    public double Rate => Elapsed.TotalSeconds > 0 ? Completed / Elapsed.TotalSeconds : 0;

    /// <summary>Estimated time left at the current rate (null until the first host completes).</summary>
    public TimeSpan? Remaining => Completed == 0 || Rate <= 0 ? null : TimeSpan.FromSeconds((Total - Completed) / Rate);
}
