using System.Globalization;
using IloBackup.Engine.Inventory;

namespace IloBackup.Engine.Fleet;

/// <summary>All outcomes of a fleet run, in inventory order (of the hosts that finished, when it was interrupted).</summary>
public sealed record FleetReport(IReadOnlyList<HostOutcome> Outcomes, DateTimeOffset StartedAt, TimeSpan Duration)
{
    public int Succeeded => Outcomes.Count(o => o.Status == HostStatus.Succeeded);
    public int Skipped => Outcomes.Count(o => o.Status == HostStatus.Skipped);
    public int Failed => Outcomes.Count(o => o.Status == HostStatus.Failed);

    /// <summary>Hosts whose server another runner backs up in this run (issue 20).</summary>
    public int Taken => Outcomes.Count(o => o.Status == HostStatus.Taken);

    /// <summary>The runner and run of a fleet backup on a shared catalog, with its lease figures; null without leases.</summary>
    public RunnerSummary? Runner { get; init; }

    /// <summary>Hosts whose newest good backup (before this run) was taken on older firmware than they run.</summary>
    public int Stale => Outcomes.Count(o => o.Result?.WasStale == true);

    /// <summary>Hosts backed up for the first time (the repository held no good backup of them).</summary>
    public int FirstBackups => Outcomes.Count(o => o.Result?.FirstBackup == true);

    /// <summary>Hosts whose new backup was stored suspect (it looks like factory defaults, or lost much).</summary>
    public int Suspect => Outcomes.Count(o => o.Result?.Suspect == true);

    /// <summary>True when the run was interrupted (Ctrl+C): <see cref="Outcomes"/> holds only the hosts that finished.</summary>
    public bool WasInterrupted { get; init; }

    /// <summary>Hosts that were being worked on when the run was interrupted (their sessions were logged out), in inventory order.</summary>
    public IReadOnlyList<InventoryHost> CutShort { get; init; } = [];

    /// <summary>Hosts not started when the run was interrupted, in inventory order.</summary>
    public IReadOnlyList<InventoryHost> NotStarted { get; init; } = [];

    /// <summary>Every host of the run: finished, cut short and not started.</summary>
    public int Total => Outcomes.Count + CutShort.Count + NotStarted.Count;

    /// <summary>What an interrupted run got through, e.g. <c>9/50 done, 41 not started</c>; null when it was not interrupted.</summary>
    public string? Interruption => !WasInterrupted
        ? null
        : string.Create(CultureInfo.InvariantCulture, $"{Outcomes.Count}/{Total} done, ")
            + (CutShort.Count > 0 ? string.Create(CultureInfo.InvariantCulture, $"{CutShort.Count} interrupted while running, ") : string.Empty)
            + string.Create(CultureInfo.InvariantCulture, $"{NotStarted.Count} not started");

    /// <summary>
    /// All ok (0), some failed (3), none succeeded (1), none failed but some new backups are suspect (4),
    /// interrupted (130): the README's exit codes. An interruption decides first, then a failure.
    /// </summary>
    public int ExitCode => WasInterrupted ? 130 : Failed > 0 ? (Failed == Outcomes.Count ? 1 : 3) : Suspect > 0 ? 4 : 0;
}
