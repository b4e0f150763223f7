using System.Globalization;
using IloBackup.Emulator.Redfish.Metadata;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Emulator.Redfish.Pipeline;

/// <summary>
/// Between an accepted restore and its reset, every route answers 503 with <c>Retry-After</c>; while
/// the iLO's functions are limited (after an automatic restore at boot, §6), every route but the
/// anonymous ones does.
/// </summary>
internal static class AvailabilityStep
{
    public static RequestDelegate Create(RequestDelegate next, TimeProvider time) => context =>
    {
        var auth = context.GetEndpoint()?.Metadata.GetMetadata<AuthenticationMetadata>();
        var ilo = RedfishCall.Of(context).Ilo;
        if (ilo.IsQuiesced)
        {
            throw Unavailable(ilo.QuiescedRetryAfterSeconds);
        }

        if (auth is not null && auth.Auth != RedfishAuth.Anonymous && ilo.IsLimited)
        {
            throw Unavailable(Math.Max((int)Math.Ceiling((ilo.LimitedUntil - time.GetUtcNow()).TotalSeconds), 1));
        }

        return next(context);
    };

    private static RedfishException Unavailable(int seconds)
    {
        var wait = seconds.ToString(CultureInfo.InvariantCulture);
        return new RedfishException(BaseMessages.ServiceTemporarilyUnavailable, wait)
        {
            Headers = new Dictionary<string, string> { ["Retry-After"] = wait },
        };
    }
}
