using System.Text.Json.Nodes;
using IloBackup.Engine.Identity;
using IloBackup.Engine.Snapshots;

namespace IloBackup.Engine.Restore;

/// <summary>
/// A restore that was uploaded, waited for and checked. <see cref="IdentityMatches"/> false means
/// the iLO came back as another server (a failure); snapshot differences are reported, not fatal.
/// </summary>
public sealed record RestoreResult(
    RestorePlan Plan,
    IloIdentity IdentityAfter,
    bool IdentityMatches,
    bool ResetObserved,
    TimeSpan Duration,
    JsonObject? SnapshotAfter,
    IReadOnlyList<SnapshotDifference>? Differences)
{
    /// <summary>A recent iLO Event Log entry about the restore (extra evidence; wording differs by firmware), or null.</summary>
    public string? EventLogEvidence { get; init; }

    /// <summary>Why the snapshots were not compared, when they were not.</summary>
    public string? ComparisonNote { get; init; }

    /// <summary>Null when there was no snapshot at backup time to compare with.</summary>
    public bool? SnapshotMatches => Differences is null ? null : Differences.Count == 0;
}
