using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IloBackup.Emulator.Redfish.Pipeline;

/// <summary>
/// First step after routing: sets the path's <c>Allow</c> header (from
/// <see cref="Metadata.AllowedMethodsMetadata"/>) and turns whatever the later steps and the handler
/// throw into a Base registry error (a model's refusal through <see cref="RefusalMessages"/>); a bug becomes <c>InternalError</c>, never a stack trace.
/// </summary>
internal static partial class ErrorStep
{
    public static RequestDelegate Create(RequestDelegate next, ILogger logger) => async context =>
    {
        var endpoint = context.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<Metadata.AllowedMethodsMetadata>() is { } allowed)
        {
            context.Response.Headers.Allow = allowed.Header;
        }

        try
        {
            await next(context);
        }
        catch (RedfishException ex)
        {
            await WriteAsync(context, ex);
        }
        catch (Ilo.IloRefusedException refusal)
        {
            await WriteAsync(context, RefusalMessages.ToRedfish(refusal));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (or the iLO reset under it): nothing to answer.
        }
#pragma warning disable CA1031 // Last line of defence: any bug becomes a Base InternalError, never a stack trace.
        catch (Exception ex) when (!context.Response.HasStarted)
#pragma warning restore CA1031
        {
            LogUnexpected(logger, ex, endpoint?.DisplayName ?? context.Request.Method);
            await WriteAsync(context, new RedfishException(BaseMessages.InternalError));
        }
    };

    /// <summary>Writes a Base error (with its headers); aborts when the answer has already started.</summary>
    public static async Task WriteAsync(HttpContext context, RedfishException error)
    {
        if (context.Response.HasStarted)
        {
            context.Abort();
            return;
        }

        if (error.Headers is not null)
        {
            foreach (var (name, value) in error.Headers)
            {
                context.Response.Headers[name] = value;
            }
        }

        await RedfishJson.WriteAsync(context, error.Status, RedfishErrors.Body(error.Error, error.Args));
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Unexpected failure in {Route}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string route);
}
