namespace IloBackup.Engine.Repository;

/// <summary>
/// A runner's last sign of life in a shared catalog (issue 20): who, on which machine, when, in which run, and how often it
/// is scheduled to run (serve; null for manual fleet backups).
/// </summary>
public sealed record RunnerHeartbeat(string Runner, string Host, DateTimeOffset LastSeen, string? CurrentRun, TimeSpan? Interval)
{
    /// <summary>How long a runner may stay silent before the dashboard flags it when it has no schedule interval.</summary>
    public static readonly TimeSpan DefaultSilence = TimeSpan.FromHours(26);

    /// <summary>
    /// Silent: not heard from for twice its schedule interval (a missed run and then some), else for
    /// <paramref name="threshold"/> (default <see cref="DefaultSilence"/>: a daily runner that missed a day).
    /// </summary>
    public bool IsSilent(DateTimeOffset now, TimeSpan? threshold = null) =>
        now - LastSeen > (Interval is { } interval ? interval * 2 : threshold ?? DefaultSilence);
}
