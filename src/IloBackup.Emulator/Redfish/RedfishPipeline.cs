using System.Globalization;
using System.Text.Json.Nodes;
using IloBackup.Emulator.Ilo;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace IloBackup.Emulator.Redfish;

/// <summary>
/// Runs every Redfish route: picks the iLO, drops connections while it resets, adds latency,
/// checks query options, authenticates, checks the route's privilege and <c>If-Match</c>, calls
/// the handler and renders the answer (ETag, <c>$select</c>/<c>$expand</c>/<c>only</c>, links
/// in the request's trailing-slash style). Errors come only from <see cref="BaseMessages"/>.
/// </summary>
internal sealed partial class RedfishPipeline(RedfishRouteTable routes, TimeProvider time, TimeSpan latency, ILogger logger, Hosting.RouteOverrides overrides)
{
    private Dictionary<int, VirtualIlo> _byPort = [];

    public RedfishRouteTable Routes => routes;

    public void SetPorts(Dictionary<int, VirtualIlo> byPort) => _byPort = byPort;

    /// <summary>Outermost middleware of the iLO side: which iLO, reachable or not, latency, common headers.</summary>
    public async Task SelectIloAsync(HttpContext context, RequestDelegate next)
    {
        var ilo = IloHttpContext.FindIlo(context, _byPort);
        if (ilo is null || !ilo.IsReachable)
        {
            // A resetting iLO does not answer at all: the client sees the connection drop (§ reset).
            context.Abort();
            return;
        }

        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, time, context.RequestAborted);
        }

        var headers = context.Response.Headers;
        headers["OData-Version"] = "4.0";
        headers.CacheControl = "no-cache";
        headers["X-Frame-Options"] = "sameorigin";
        if (overrides.IsEmpty)
        {
            await Faults.FaultInjector.InvokeAsync(context, ilo, time, next);
        }
        else
        {
            await overrides.InvokeAsync(context, ilo, c => Faults.FaultInjector.InvokeAsync(c, ilo, time, next));
        }
    }

    public async Task ExecuteAsync(HttpContext context, RedfishRoute route)
    {
        try
        {
            var ilo = context.GetIlo();
            context.Response.Headers.Allow = route.AllowHeader;
            if (ilo.IsLimited && route.Auth != RedfishAuth.Anonymous)
            {
                var wait = (int)Math.Ceiling((ilo.LimitedUntil - time.GetUtcNow()).TotalSeconds);
                throw new RedfishException(BaseMessages.ServiceTemporarilyUnavailable, Math.Max(wait, 1).ToString(CultureInfo.InvariantCulture))
                {
                    Headers = new Dictionary<string, string> { ["Retry-After"] = Math.Max(wait, 1).ToString(CultureInfo.InvariantCulture) },
                };
            }

            var query = route.IsJson ? ODataQuery.Parse(context.Request.Query) : ODataQuery.None;
            var caller = route.Auth switch
            {
                RedfishAuth.Anonymous => null,
                RedfishAuth.Deferred => RedfishAuthentication.FindSession(context, ilo),
                _ => await RedfishAuthentication.AuthenticateAsync(context, ilo, route.AcceptsSessionCookie)
                    ?? throw new RedfishException(BaseMessages.NoValidSession),
            };
            var values = new RouteValueDictionary(context.Request.RouteValues);
            if (caller is not null && route.Auth == RedfishAuth.Required)
            {
                CheckPrivilege(route, values, caller);
            }

            var request = new RedfishRequest(context, ilo, route, values, caller, this);
            await CheckIfMatchAsync(request);
            if (route.IsCacheable && ReferenceEquals(query, ODataQuery.None)
                && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
            {
                await AnswerCacheableAsync(request);
                return;
            }

            var response = await route.Handler(request);
            await RenderAsync(request, response, query);
        }
        catch (RedfishException ex)
        {
            await WriteErrorAsync(context, ex);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (or the iLO reset under it): nothing to answer.
        }
#pragma warning disable CA1031 // Last line of defence: any bug becomes a Base InternalError, never a stack trace.
        catch (Exception ex) when (!context.Response.HasStarted)
#pragma warning restore CA1031
        {
            LogUnexpected(logger, ex, route.Method, route.Template);
            await WriteErrorAsync(context, new RedfishException(BaseMessages.InternalError));
        }
    }

    public Task RefuseMethodAsync(HttpContext context, string allow) =>
        WriteErrorAsync(context, new RedfishException(BaseMessages.OperationNotAllowed) { Headers = new Dictionary<string, string> { ["Allow"] = allow } });

    public Task NotFoundAsync(HttpContext context) =>
        WriteErrorAsync(context, new RedfishException(BaseMessages.ResourceMissingAtURI, Printable(context.Request.Path.Value ?? "/")));

    /// <summary>
    /// The resource at <paramref name="path"/> as its GET renders it (with <c>@odata.etag</c>), for
    /// the caller of <paramref name="origin"/>; null when there is none, it is not readable by
    /// that caller, or its GET has side effects.
    /// </summary>
    public async ValueTask<JsonObject?> ResolveAsync(RedfishRequest origin, string path)
    {
        if (!routes.TryMatch(HttpMethods.Get, path, out var route, out var values) || route!.SideEffectODataType is not null || !route.IsJson)
        {
            return null;
        }

        if (route.Auth == RedfishAuth.Required && (origin.Caller is null || (origin.Privileges & route.Privilege) != route.Privilege))
        {
            return null;
        }

        try
        {
            var response = await route.Handler(new RedfishRequest(origin.HttpContext, origin.Ilo, route, values, origin.Caller, this));
            if (response.Body is null || !response.IsResource)
            {
                return null;
            }

            RedfishJson.AddETag(response.Body);
            return response.Body;
        }
        catch (RedfishException)
        {
            return null;
        }
    }

    private static void CheckPrivilege(RedfishRoute route, RouteValueDictionary values, AuthenticatedCaller caller)
    {
        if ((caller.Account.Privileges & route.Privilege) == route.Privilege)
        {
            return;
        }

        var own = route.AllowsOwnAccount && values.TryGetValue("id", out var id) && string.Equals(id?.ToString(), caller.Account.Id, StringComparison.Ordinal);
        if (!own || !caller.Account.Privileges.HasFlag(Security.IloPrivileges.Login))
        {
            throw new RedfishException(BaseMessages.InsufficientPrivilege);
        }
    }

    private async Task CheckIfMatchAsync(RedfishRequest request)
    {
        var method = request.HttpContext.Request.Method;
        var ifMatch = request.HttpContext.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(ifMatch) || ifMatch.Trim() == "*" || !(HttpMethods.IsPatch(method) || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method)))
        {
            return;
        }

        var current = await ResolveAsync(request, request.HttpContext.Request.Path.Value ?? "/");
        var etag = current?["@odata.etag"]?.GetValue<string>();
        if (etag is null)
        {
            return;
        }

        var wanted = Strip(etag);
        if (!ifMatch.Split(',').Any(candidate => Strip(candidate) == wanted))
        {
            throw new RedfishException(BaseMessages.PreconditionFailed);
        }

        static string Strip(string tag)
        {
            var text = tag.Trim();
            return text.StartsWith("W/", StringComparison.Ordinal) ? text[2..] : text;
        }
    }

    private async Task RenderAsync(RedfishRequest request, RedfishResponse response, ODataQuery query)
    {
        var context = request.HttpContext;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (response.Writer is not null)
        {
            await response.Writer(context);
            return;
        }

        if (response.Location is not null)
        {
            context.Response.Headers.Location = response.Location;
        }

        if (response.Body is null)
        {
            context.Response.StatusCode = response.Status;
            return;
        }

        var body = response.Body;
        if (response.IsResource)
        {
            if (query.Only && body["Members"] is JsonArray { Count: 1 } members
                && members[0]?["@odata.id"]?.GetValue<string>() is { } memberPath
                && await ResolveAsync(request, memberPath) is { } member)
            {
                body = member;
            }

            var etag = RedfishJson.AddETag(body);
            context.Response.Headers.ETag = etag;
            if (DescribedBy(body) is { } link)
            {
                context.Response.Headers.Link = link;
            }

            if (query.Expand != ExpandMode.None)
            {
                await ExpandAsync(request, body, query.Expand, insideLinks: false, depth: 0);
            }

            if (query.Select is not null)
            {
                body = RedfishJson.Select(body, query.Select);
            }
        }

        if (context.Request.Path.Value?.EndsWith('/') == true)
        {
            RedfishJson.AddTrailingSlashes(body);
        }

        await RedfishJson.WriteAsync(context, response.Status, body);
    }

    /// <summary>
    /// A cacheable route without query options: the rendered answer of the same path is reused
    /// while the iLO's model and clock second are unchanged (<see cref="RenderedAnswerCache"/>);
    /// the caller was authenticated and its privilege checked before this, on every request.
    /// </summary>
    private async Task AnswerCacheableAsync(RedfishRequest request)
    {
        var context = request.HttpContext;
        var path = context.Request.Path.Value ?? "/";
        var cache = RenderedAnswerCache.Of(request.Ilo);
        var stamp = RenderedAnswerCache.StampOf(request.Ilo);
        if (!cache.TryGet(path, stamp, out var answer))
        {
            var response = await request.Route.Handler(request);
            if (!response.IsResource || response.Body is not { } body || response.Status != StatusCodes.Status200OK
                || response.Headers.Count > 0 || response.Location is not null)
            {
                await RenderAsync(request, response, ODataQuery.None);
                return;
            }

            // The same steps as RenderAsync takes for a resource without query options.
            var etag = RedfishJson.AddETag(body);
            var link = DescribedBy(body);
            if (path.EndsWith('/'))
            {
                RedfishJson.AddTrailingSlashes(body);
            }

            answer = new RenderedAnswer(stamp, RedfishJson.Serialize(body), etag, link);
            cache.Store(path, answer);
        }

        context.Response.Headers.ETag = answer!.ETag;
        if (answer.Link is not null)
        {
            context.Response.Headers.Link = answer.Link;
        }

        await RedfishJson.WriteBytesAsync(context, StatusCodes.Status200OK, answer.Body);
    }

    private async Task ExpandAsync(RedfishRequest request, JsonNode? node, ExpandMode mode, bool insideLinks, int depth)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    var links = insideLinks || key == "Links";
                    if (depth > 0 || key != "@odata.id")
                    {
                        if (value is JsonObject { Count: 1 } reference && reference["@odata.id"] is JsonValue target
                            && target.TryGetValue<string>(out var path) && Wanted(mode, links)
                            && await ResolveAsync(request, path) is { } resolved)
                        {
                            obj[key] = resolved;
                        }
                        else
                        {
                            await ExpandAsync(request, value, mode, links, depth + 1);
                        }
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonObject { Count: 1 } reference && reference["@odata.id"] is JsonValue target
                        && target.TryGetValue<string>(out var path) && Wanted(mode, insideLinks)
                        && await ResolveAsync(request, path) is { } resolved)
                    {
                        array[i] = resolved;
                    }
                    else
                    {
                        await ExpandAsync(request, array[i], mode, insideLinks, depth + 1);
                    }
                }

                break;
        }

        static bool Wanted(ExpandMode mode, bool links) => mode switch
        {
            ExpandMode.All => true,
            ExpandMode.Links => links,
            _ => !links,
        };
    }

    private static async Task WriteErrorAsync(HttpContext context, RedfishException error)
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

    /// <summary>The <c>Link</c> header naming the schema of a resource, or null.</summary>
    private static string? DescribedBy(JsonObject body) =>
        body["@odata.type"]?.GetValue<string>() is { } type && SchemaName(type) is { } schema
            ? $"</redfish/v1/SchemaStore/en/{schema}.json/>; rel=describedby"
            : null;

    /// <summary><c>#Manager.v1_5_1.Manager</c> → <c>Manager</c>.</summary>
    private static string? SchemaName(string odataType)
    {
        var text = odataType.TrimStart('#');
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? text[..dot] : null;
    }

    private static string Printable(string text)
    {
        var clean = new string([.. text.Take(256).Select(c => char.IsControl(c) ? '?' : c)]);
        return clean;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Unexpected failure in {Method} {Template}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string template);
}
