using IloBackup.Emulator.Ilo;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Emulator.Redfish;

/// <summary>Which iLO a request is for: set by the in-process handler, else found by the connection's local port.</summary>
public static class IloHttpContext
{
    internal const string ItemKey = "IloBackup.Emulator.Ilo";

    /// <summary>The iLO serving this request (set by the pipeline before any handler runs).</summary>
    public static VirtualIlo GetIlo(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(ItemKey, out var ilo) && ilo is VirtualIlo found
            ? found
            : throw new InvalidOperationException("no iLO selected for this request");
    }

    internal static VirtualIlo? FindIlo(HttpContext context, IReadOnlyDictionary<int, VirtualIlo> byPort)
    {
        if (context.Items.TryGetValue(ItemKey, out var selected) && selected is VirtualIlo ilo)
        {
            return ilo;
        }

        if (byPort.TryGetValue(context.Connection.LocalPort, out var byLocalPort))
        {
            context.Items[ItemKey] = byLocalPort;
            return byLocalPort;
        }

        return null;
    }
}
