using IloBackup.Emulator.Hosting;
using IloBackup.Emulator.Ilo;

namespace IloBackup.Emulator.Faults;

/// <summary>Sets each iLO's faults from <see cref="EmulatorOptions.Faults"/> when the fleet starts.</summary>
public static class FaultRoutes
{
    public static void Initialize(IReadOnlyList<VirtualIlo> ilos, EmulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(ilos);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Faults is not { } profile)
        {
            return;
        }

        var assigned = profile.Assign(ilos.Count);
        foreach (var ilo in ilos)
        {
            IloFaults.Of(ilo).Set(assigned[ilo.Index], profile.Seed);
        }
    }
}
