using System.Globalization;
using IloBackup.Emulator.Redfish.Metadata;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Emulator.Redfish.Pipeline;

/// <summary>While the iLO's functions are limited (after an automatic restore at boot, §6), every route but the anonymous ones answers 503 with <c>Retry-After</c>.</summary>
internal static class AvailabilityStep
{
    public static RequestDelegate Create(RequestDelegate next, TimeProvider time) => context =>
    {
        var auth = context.GetEndpoint()?.Metadata.GetMetadata<AuthenticationMetadata>();
        var ilo = RedfishCall.Of(context).Ilo;
        if (auth is not null && auth.Auth != RedfishAuth.Anonymous && ilo.IsLimited)
        {
            var wait = Math.Max((int)Math.Ceiling((ilo.LimitedUntil - time.GetUtcNow()).TotalSeconds), 1).ToString(CultureInfo.InvariantCulture);
            throw new RedfishException(BaseMessages.ServiceTemporarilyUnavailable, wait)
            {
                Headers = new Dictionary<string, string> { ["Retry-After"] = wait },
            };
        }

        return next(context);
    };
}
