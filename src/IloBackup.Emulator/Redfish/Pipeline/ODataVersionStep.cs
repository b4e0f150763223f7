using Microsoft.AspNetCore.Http;

namespace IloBackup.Emulator.Redfish.Pipeline;

/// <summary>
/// A Redfish request naming an <c>OData-Version</c> other than 4.0 gets 412 <c>PreconditionFailed</c>
/// (DSP0266, "Request headers": a service shall answer 412 for a version it does not support).
/// Raw routes (the backup download and restore upload) are not OData and take any.
/// </summary>
internal static class ODataVersionStep
{
    public const string Supported = "4.0";

    public static RequestDelegate Create(RequestDelegate next) => context =>
    {
        var requested = context.Request.Headers["OData-Version"];
        if (requested.Count > 0
            && context.GetEndpoint()?.Metadata is { } metadata
            && metadata.GetMetadata<RedfishRoute>() is not null
            && metadata.GetMetadata<Metadata.RawBodyMetadata>() is null
            && requested.Any(v => !string.Equals(v?.Trim(), Supported, StringComparison.Ordinal)))
        {
            throw new RedfishException(BaseMessages.PreconditionFailed);
        }

        return next(context);
    };
}
