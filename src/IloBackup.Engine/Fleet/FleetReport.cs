namespace IloBackup.Engine.Fleet;

/// <summary>All outcomes of a fleet run, in inventory order.</summary>
public sealed record FleetReport(IReadOnlyList<HostOutcome> Outcomes, DateTimeOffset StartedAt, TimeSpan Duration)
{
    public int Succeeded => Outcomes.Count(o => o.Status == HostStatus.Succeeded);
    public int Skipped => Outcomes.Count(o => o.Status == HostStatus.Skipped);
    public int Failed => Outcomes.Count(o => o.Status == HostStatus.Failed);

    /// <summary>Hosts whose newest good backup (before this run) was taken on older firmware than they run.</summary>
    public int Stale => Outcomes.Count(o => o.Result?.WasStale == true);

    /// <summary>Hosts backed up for the first time (the repository held no good backup of them).</summary>
    public int FirstBackups => Outcomes.Count(o => o.Result?.FirstBackup == true);

    /// <summary>Hosts whose new backup was stored suspect (it looks like factory defaults, or lost much).</summary>
    public int Suspect => Outcomes.Count(o => o.Result?.Suspect == true);

    /// <summary>
    /// All ok (0), some failed (3), none succeeded (1), none failed but some new backups are suspect (4): the README's
    /// exit codes. A failure decides first.
    /// </summary>
    public int ExitCode => Failed > 0 ? (Failed == Outcomes.Count ? 1 : 3) : Suspect > 0 ? 4 : 0;
}
