using IloBackup.Emulator.Redfish.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace IloBackup.Emulator.Redfish.Pipeline;

/// <summary>
/// The route's body limit (<see cref="BodyLimitMetadata"/>): a body announced larger is refused
/// with 413 at once, unread, and the connection closes; a chunked one is cut at the limit by Kestrel.
/// </summary>
internal static class BodyLimitStep
{
    public static RequestDelegate Create(RequestDelegate next) => context =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<BodyLimitMetadata>() is { } limit)
        {
            if (context.Request.ContentLength > limit.MaxBytes)
            {
                context.Response.Headers.Connection = "close";
                throw new RedfishException(BaseMessages.RequestBodyTooLarge);
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = limit.MaxBytes;
            }
        }

        return next(context);
    };
}
