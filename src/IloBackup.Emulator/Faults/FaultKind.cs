namespace IloBackup.Emulator.Faults;

/// <summary>The ways an emulated iLO can misbehave (docs/emulator.md, "Faults").</summary>
public enum FaultKind
{
    /// <summary>Every answer comes <c>Value</c> milliseconds later.</summary>
    Latency,

    /// <summary>Backup downloads trickle at <c>Value</c> bytes per second.</summary>
    SlowTransfer,

    /// <summary>503 <c>ServiceTemporarilyUnavailable</c> with <c>Retry-After: Value</c> seconds.</summary>
    Unavailable,

    /// <summary>The connection drops after <c>Value</c> bytes of a backup download or a restore upload.</summary>
    TransferReset,

    /// <summary>A login finds the iLO's sessions all taken: 503 <c>SessionLimitExceeded</c>.</summary>
    SessionLimit,

    /// <summary>Logins are refused: 401 <c>NoValidSession</c>, as for a wrong password.</summary>
    LoginRefused,

    /// <summary>The iLO creates the session but the login's answer never reaches the client.</summary>
    LoginAnswerLost,

    /// <summary>The iLO resets by itself for <c>Value</c> seconds (sessions end, connections drop).</summary>
    SelfReset,

    /// <summary>The iLO accepts requests and never answers them.</summary>
    Hang,

    /// <summary>A backup download announces its full Content-Length but only the first half is sent.</summary>
    TruncatedBackup,

    /// <summary>
    /// A restore's apply freezes for good at point <c>Value</c> of its SRAM write (0 before the write,
    /// 1 half the temporary file written, 2 it is synced, 3 renamed over the SRAM file, 4 the folder
    /// synced; <see cref="Persistence.AtomicWritePoint"/>), holding the iLO's configuration: the restore
    /// never answers. Only with a state directory. What a crash there leaves is then on the disk.
    /// </summary>
    RestoreStall,
}
