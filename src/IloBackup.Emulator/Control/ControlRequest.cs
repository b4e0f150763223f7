using IloBackup.Emulator.Ilo;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Emulator.Control;

/// <summary>What a control route's handler gets: the request, the fleet, and the iLO its path names (if any).</summary>
internal sealed record ControlRequest(HttpContext Context, IReadOnlyList<VirtualIlo> Ilos, VirtualIlo? Target)
{
    /// <summary>The iLO named by <c>{k}</c>; only per-iLO routes ask for it.</summary>
    public VirtualIlo Ilo => Target ?? throw new InvalidOperationException("this route names no iLO");
}
