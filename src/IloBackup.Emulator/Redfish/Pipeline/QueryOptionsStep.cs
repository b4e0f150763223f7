using IloBackup.Emulator.Redfish.Metadata;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Emulator.Redfish.Pipeline;

/// <summary>Reads <c>$select</c>, <c>$expand</c> and <c>only</c> of a JSON route (refusing others, before authentication); raw routes take none.</summary>
internal static class QueryOptionsStep
{
    public static RequestDelegate Create(RequestDelegate next) => context =>
    {
        var metadata = context.GetEndpoint()?.Metadata;
        if (metadata?.GetMetadata<RedfishRoute>() is not null && metadata.GetMetadata<RawBodyMetadata>() is null && context.Request.QueryString.HasValue)
        {
            RedfishCall.Of(context).Query = ODataQuery.Parse(context.Request.Query);
        }

        return next(context);
    };
}
