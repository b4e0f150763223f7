using IloBackup.Emulator.Redfish.Metadata;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Emulator.Redfish.Pipeline;

/// <summary>
/// A GET or HEAD of a <see cref="CacheableMetadata"/> route without query options: the rendered answer
/// of the same path is reused while the iLO's model and clock second are unchanged
/// (<see cref="RenderedAnswerCache"/>); on a miss the renderer stores what it renders. The caller was
/// authenticated and its privilege checked before this step, on every request.
/// </summary>
internal static class AnswerCacheStep
{
    public static RequestDelegate Create(RequestDelegate next) => context =>
    {
        var call = RedfishCall.Of(context);
        if (!ReferenceEquals(call.Query, ODataQuery.None) || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            || context.GetEndpoint()?.Metadata.GetMetadata<CacheableMetadata>() is null)
        {
            return next(context);
        }

        var stamp = RenderedAnswerCache.StampOf(call.Ilo);
        if (!RenderedAnswerCache.Of(call.Ilo).TryGet(context.Request.Path.Value ?? "/", stamp, out var answer))
        {
            call.CacheStamp = stamp;
            return next(context);
        }

        context.Response.Headers.ETag = answer!.ETag;
        if (answer.Link is not null)
        {
            context.Response.Headers.Link = answer.Link;
        }

        return RedfishJson.WriteBytesAsync(context, StatusCodes.Status200OK, answer.Body);
    };
}
