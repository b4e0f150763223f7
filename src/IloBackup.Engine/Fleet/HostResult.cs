using IloBackup.Engine.Identity;

namespace IloBackup.Engine.Fleet;

/// <summary>What the work on one iLO reports when it did not fail.</summary>
public sealed record HostResult
{
    public HostStatus Status { get; init; } = HostStatus.Succeeded;
    public IloIdentity Identity { get; init; } = IloIdentity.Unknown;

    /// <summary>Repository entry written for this host, if any.</summary>
    public long? BackupId { get; init; }

    public string? Sha256 { get; init; }
    public long? Size { get; init; }
    public bool? SnapshotUnchanged { get; init; }

    /// <summary>
    /// True when the newest good backup (before this run) was taken on older firmware than the iLO
    /// runs now: HPE recommends a backup after every firmware update.
    /// </summary>
    public bool? WasStale { get; init; }

    /// <summary>True when the repository held no good backup of this server before this run.</summary>
    public bool FirstBackup { get; init; }

    /// <summary>Firmware of the newest good backup before this run.</summary>
    public string? PreviousFirmware { get; init; }

    /// <summary>True when the new backup was stored suspect (<see cref="Repository.SuspectCheck"/>): the iLO looks reset or lost settings.</summary>
    public bool Suspect { get; init; }

    /// <summary>Why the new backup is suspect.</summary>
    public string? SuspectReason { get; init; }

    /// <summary>The runner that backs this server up in this run, when another one took it (<see cref="HostStatus.Taken"/>).</summary>
    public string? Runner { get; init; }

    /// <summary>A short human note (e.g. "custom backup enabled", "current: backup 12 on 2.78").</summary>
    public string? Message { get; init; }
}
