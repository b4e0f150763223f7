using IloBackup.Emulator.Ilo;
using IloBackup.Emulator.Persistence;

namespace IloBackup.Emulator.Faults;

/// <summary>
/// The <see cref="FaultKind.RestoreStall"/> fault: an observer of the restore apply's SRAM write
/// that, at the fault's point, counts a hit (visible at <c>GET /ilos/{k}/faults</c>) and then
/// blocks for good, inside the write and holding the iLO's configuration. A crash test kills the
/// process there. When the fleet stops, the write is abandoned (the restore fails).
/// </summary>
internal static class RestoreStall
{
    /// <summary>The observer for this iLO's next restore apply, or null when it has no such fault.</summary>
    public static Action<AtomicWritePoint>? ObserverFor(VirtualIlo ilo)
    {
        var faults = IloFaults.Of(ilo);
        if (!faults.Specs.Any(s => s.Kind == FaultKind.RestoreStall))
        {
            return null;
        }

        return point =>
        {
            if (faults.Hit(FaultKind.RestoreStall, spec => (int)spec.EffectiveValue == (int)point) is null)
            {
                return;
            }

            ilo.Stopping.WaitHandle.WaitOne();
            throw new OperationCanceledException("the emulator stopped while a restore apply was stalled (fault)", ilo.Stopping);
        };
    }
}
