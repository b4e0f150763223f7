using IloBackup.Emulator.Faults;
using IloBackup.Emulator.Hosting;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Emulator.Redfish.Pipeline;

/// <summary>
/// The outermost step of the iLO side, before routing: which iLO (by the connection's local port, or
/// set by an in-process handler), reachable or not, latency, the common headers; then the per-test
/// route overrides and the iLO's faults, which may answer in its place.
/// </summary>
internal static class IloSelection
{
    public static async Task InvokeAsync(HttpContext context, IloEmulator emulator, RequestDelegate next)
    {
        var ilo = IloHttpContext.FindIlo(context, emulator.ByPort);
        if (ilo is null || !ilo.IsReachable)
        {
            // A resetting iLO does not answer at all: the client sees the connection drop (§ reset).
            context.Abort();
            return;
        }

        context.Features.Set(new RedfishCall(ilo, emulator.Resolver));
        if (emulator.Latency > TimeSpan.Zero)
        {
            await Task.Delay(emulator.Latency, emulator.Time, context.RequestAborted);
        }

        var headers = context.Response.Headers;
        headers["OData-Version"] = "4.0";
        headers.CacheControl = "no-cache";
        headers["X-Frame-Options"] = "sameorigin";
        headers.XContentTypeOptions = "nosniff";
        headers.XXSSProtection = "1; mode=block";
        var overrides = emulator.Overrides;
        if (overrides.IsEmpty)
        {
            await FaultInjector.InvokeAsync(context, ilo, emulator.Time, next);
        }
        else
        {
            await overrides.InvokeAsync(context, ilo, c => FaultInjector.InvokeAsync(c, ilo, emulator.Time, next));
        }
    }
}
