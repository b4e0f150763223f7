namespace IloBackup.Emulator.Persistence;

/// <summary>
/// The named points of one atomic write (<see cref="AtomicFile"/>), in order. The restore-stall fault may stop
/// the restore apply at one of them to crash the emulator there (docs/emulator.md, "Test hooks").
/// A crash before <see cref="Renamed"/> must leave the old file, from it on the new one.
/// </summary>
public enum AtomicWritePoint
{
    /// <summary>Nothing written yet.</summary>
    BeforeWrite,

    /// <summary>Half of the new bytes are in the temporary file (handed to the OS, not fsynced).</summary>
    TempPartial,

    /// <summary>The temporary file is complete and fsynced; not yet renamed.</summary>
    TempSynced,

    /// <summary>Renamed over the target; the directory not yet fsynced.</summary>
    Renamed,

    /// <summary>The directory is fsynced: the write is done.</summary>
    DirectorySynced,
}
