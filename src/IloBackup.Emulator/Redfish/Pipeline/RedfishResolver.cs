using System.Text.Json.Nodes;
using IloBackup.Emulator.Redfish.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IloBackup.Emulator.Redfish.Pipeline;

/// <summary>
/// Resolves a path to the resource its GET renders, for <c>$expand</c>, <c>only</c>, <c>If-Match</c>
/// and the ResourceDirectory. Paths are matched by the framework's own endpoint matcher: a
/// branch of the application that only routes, over the same endpoint data sources.
/// </summary>
internal sealed class RedfishResolver
{
    private RequestDelegate? _match;

    /// <summary>Builds the matching branch; call once every endpoint is mapped.</summary>
    public void Build(IApplicationBuilder app, IEndpointRouteBuilder endpoints)
    {
        var branch = app.New();
        branch.UseRouting();

        // Matching only: the endpoint found is read, never run.
        branch.Use(_ => _ => Task.CompletedTask);
        branch.UseEndpoints(routes =>
        {
            foreach (var source in endpoints.DataSources)
            {
                routes.DataSources.Add(source);
            }
        });
        _match = branch.Build();
    }

    /// <summary>The GET route of <paramref name="path"/> (case-insensitive, trailing slash ignored) with its route values and methods, or null.</summary>
    public async ValueTask<(RedfishRoute Route, RouteValueDictionary Values, AllowedMethodsMetadata Allowed)?> MatchGetAsync(string path)
    {
        var probe = new DefaultHttpContext();
        var metadata = await ProbeAsync(path, probe);
        return metadata?.GetMetadata<RedfishRoute>() is { Method: "GET" } route && metadata.GetMetadata<AllowedMethodsMetadata>() is { } allowed
            ? (route, probe.Request.RouteValues, allowed)
            : null;
    }

    private async ValueTask<EndpointMetadataCollection?> ProbeAsync(string path, DefaultHttpContext? probe = null)
    {
        probe ??= new DefaultHttpContext();
        probe.Request.Method = HttpMethods.Get;
        probe.Request.Path = new PathString("/" + path.Trim('/'));
        await (_match ?? throw new InvalidOperationException("the resolver is not built"))(probe);
        return probe.GetEndpoint()?.Metadata;
    }

    /// <summary>The methods of <paramref name="path"/> when some route has it (its GET route or its 405 endpoint answers a GET), else null.</summary>
    public async ValueTask<AllowedMethodsMetadata?> AllowedMethodsAsync(string path) =>
        (await ProbeAsync(path))?.GetMetadata<AllowedMethodsMetadata>();

    /// <summary>
    /// The resource at <paramref name="path"/> as its GET renders it (with <c>@odata.etag</c>), for
    /// the caller of <paramref name="origin"/>; null when there is none, it is not readable by
    /// that caller, or its GET has side effects.
    /// </summary>
    public async ValueTask<JsonObject?> ResolveAsync(RedfishRequest origin, string path)
    {
        if (await MatchGetAsync(path) is not var (route, values, _) || route.SideEffectODataType is not null || !route.IsJson)
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
        catch (Ilo.IloRefusedException)
        {
            return null;
        }
    }
}
