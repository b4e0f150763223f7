using IloBackup.Emulator.Ilo;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Emulator.Redfish.Pipeline;

/// <summary>
/// What the pipeline's steps learn about one request, handed on as an HTTP feature: the iLO (set
/// by <see cref="IloSelection"/>), its query options, its caller, and whether the renderer may
/// keep the answer (<see cref="AnswerCacheStep"/>).
/// </summary>
internal sealed class RedfishCall(VirtualIlo ilo, RedfishResolver resolver)
{
    public VirtualIlo Ilo { get; } = ilo;

    public RedfishResolver Resolver { get; } = resolver;

    public ODataQuery Query { get; set; } = ODataQuery.None;

    /// <summary>Who is calling (null on anonymous routes, and on deferred ones when nothing was presented).</summary>
    public AuthenticatedCaller? Caller { get; set; }

    /// <summary>True when the route required authentication and <see cref="Caller"/> passed it (the privilege step then applies).</summary>
    public bool Authenticated { get; set; }

    /// <summary>Set by the answer cache on a miss: the stamp under which the renderer stores a plain 200 answer.</summary>
    public AnswerStamp? CacheStamp { get; set; }

    public static RedfishCall Of(HttpContext context) =>
        context.Features.Get<RedfishCall>() ?? throw new InvalidOperationException("no iLO selected for this request");
}
