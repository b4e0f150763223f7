using System.Globalization;
using IloBackup.Emulator.BackupRestore;
using IloBackup.Emulator.Ilo;
using IloBackup.Emulator.Redfish;
using IloBackup.Emulator.Resources;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Emulator.Faults;

/// <summary>
/// The faults' one hook in the Redfish pipeline (called by <see cref="Redfish.Pipeline.IloSelection"/> once the
/// iLO is chosen): decides per request, with the iLO's seeded random numbers, whether one of its
/// faults hits, and if so misbehaves as a sick iLO would. Errors come from the Base registry table.
/// </summary>
internal static class FaultInjector
{
    public static Task InvokeAsync(HttpContext context, VirtualIlo ilo, TimeProvider time, RequestDelegate next)
    {
        var faults = IloFaults.Of(ilo);
        return faults.Any ? InjectAsync(context, ilo, faults, time, next) : next(context);
    }

    private static async Task InjectAsync(HttpContext context, VirtualIlo ilo, IloFaults faults, TimeProvider time, RequestDelegate next)
    {
        var aborted = context.RequestAborted;
        if (faults.Hit(FaultKind.Hang) is not null)
        {
            // Accepts and never answers: the client's own timeout is the only way out.
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, time, aborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up.
            }

            return;
        }

        if (faults.Hit(FaultKind.SelfReset) is { } reset)
        {
            ilo.Reset("the iLO reset by itself (fault)", TimeSpan.FromSeconds(reset.EffectiveValue));
            context.Abort();
            return;
        }

        if (faults.Hit(FaultKind.Latency) is { } latency)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(latency.EffectiveValue), time, aborted);
        }

        if (faults.Hit(FaultKind.Unavailable) is { } busy)
        {
            var seconds = Math.Max(0, (int)Math.Ceiling(busy.EffectiveValue)).ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["Retry-After"] = seconds;
            await WriteErrorAsync(context, BaseMessages.ServiceTemporarilyUnavailable, seconds);
            return;
        }

        var request = context.Request;
        var path = request.Path.Value ?? "/";
        if (HttpMethods.IsPost(request.Method) && path.TrimEnd('/').Equals(IloPaths.Sessions, StringComparison.OrdinalIgnoreCase))
        {
            await LoginAsync(context, ilo, faults, next);
            return;
        }

        if (path.StartsWith(BackupFileNames.UriPrefix, StringComparison.OrdinalIgnoreCase))
        {
            await DownloadAsync(context, faults, time, next);
            return;
        }

        if (HttpMethods.IsPost(request.Method) && path.TrimEnd('/').Equals(BackupRestoreServiceResource.PushUri, StringComparison.OrdinalIgnoreCase)
            && faults.Hit(FaultKind.TransferReset) is { } cut)
        {
            request.Body = new FaultRequestStream(request.Body, (long)cut.EffectiveValue, context);
        }

        await next(context);
    }

    private static async Task LoginAsync(HttpContext context, VirtualIlo ilo, IloFaults faults, RequestDelegate next)
    {
        if (faults.Hit(FaultKind.SessionLimit) is not null)
        {
            // (our choice) as for a real limit: 503 with the Base SessionLimitExceeded message.
            await WriteErrorAsync(context, BaseMessages.SessionLimitExceeded);
            return;
        }

        if (faults.Hit(FaultKind.LoginRefused) is not null)
        {
            ilo.AppendEventLog("Login failure: credentials refused (fault).", "Warning");
            await WriteErrorAsync(context, BaseMessages.NoValidSession);
            return;
        }

        if (faults.Hit(FaultKind.LoginAnswerLost) is not null)
        {
            // The iLO logs the user in, but its answer never leaves: the session exists, and only
            // the client can know it should not.
            var wire = context.Response.Body;
            context.Response.Body = Stream.Null;
            try
            {
                await next(context);
            }
            finally
            {
                context.Response.Body = wire;
                context.Abort();
            }

            return;
        }

        await next(context);
    }

    private static async Task DownloadAsync(HttpContext context, IloFaults faults, TimeProvider time, RequestDelegate next)
    {
        var truncate = faults.Hit(FaultKind.TruncatedBackup) is not null;
        var cut = faults.Hit(FaultKind.TransferReset);
        var slow = faults.Hit(FaultKind.SlowTransfer);
        if (!truncate && cut is null && slow is null)
        {
            await next(context);
            return;
        }

        var wire = context.Response.Body;
        var stream = new FaultResponseStream(wire, context, time)
        {
            Truncate = truncate,
            CutAfter = cut is null ? null : (long)cut.EffectiveValue,
            BytesPerSecond = slow?.EffectiveValue,
        };
        context.Response.Body = stream;
        try
        {
            await next(context);
            if (truncate)
            {
                await EndEarlyAsync(context, wire);
            }
        }
        finally
        {
            context.Response.Body = wire;
        }
    }

    /// <summary>
    /// Ends a truncated answer as a server that stops sending does: the bytes sent so far, then a
    /// clean close (FIN), so the client reads them and then the end of the stream; an abort alone
    /// would be a reset that throws away what the client has not read yet.
    /// </summary>
    private static async Task EndEarlyAsync(HttpContext context, Stream wire)
    {
        await wire.FlushAsync(context.RequestAborted);
        if (context.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket)
        {
            // Kestrel sends flushed bytes from its own loop: give it a moment of wall-clock time
            // (network pacing, not the iLO's clock) before closing our side.
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, context.RequestAborted);
            socket.Shutdown(SocketShutdown.Send);
        }

        context.Abort();
    }

    private static Task WriteErrorAsync(HttpContext context, BaseMessage message, params string[] args) =>
        RedfishJson.WriteAsync(context, message.Status, RedfishErrors.Body(message, args));
}
