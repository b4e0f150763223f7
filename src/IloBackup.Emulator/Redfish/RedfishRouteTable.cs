using IloBackup.Emulator.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IloBackup.Emulator.Redfish;

/// <summary>
/// Collects every route of the emulator (see <see cref="Resources.EmulatorRoutes"/>, the one
/// registration point) and maps them as minimal-API endpoints. Also resolves a path to its GET
/// handler for <c>$expand</c>, <c>only</c>, <c>If-Match</c> and the ResourceDirectory.
/// </summary>
public sealed class RedfishRouteTable
{
    private readonly List<RedfishRoute> _routes = [];

    public IReadOnlyList<RedfishRoute> Routes => _routes;

    public RedfishRoute MapGet(string template, IloPrivileges privilege, RedfishHandler handler) => Map(HttpMethods.Get, template, privilege, handler);

    public RedfishRoute MapPost(string template, IloPrivileges privilege, RedfishHandler handler) => Map(HttpMethods.Post, template, privilege, handler);

    public RedfishRoute MapPatch(string template, IloPrivileges privilege, RedfishHandler handler) => Map(HttpMethods.Patch, template, privilege, handler);

    public RedfishRoute MapPut(string template, IloPrivileges privilege, RedfishHandler handler) => Map(HttpMethods.Put, template, privilege, handler);

    public RedfishRoute MapDelete(string template, IloPrivileges privilege, RedfishHandler handler) => Map(HttpMethods.Delete, template, privilege, handler);

    public RedfishRoute Map(string method, string template, IloPrivileges privilege, RedfishHandler handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(template);
        ArgumentNullException.ThrowIfNull(handler);
        var canonical = "/" + template.Trim('/');
        if (_routes.Any(r => r.Method == method && string.Equals(r.Template, canonical, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"route mapped twice: {method} {canonical}");
        }

        var route = new RedfishRoute(method.ToUpperInvariant(), canonical, privilege, handler);
        _routes.Add(route);
        return route;
    }

    /// <summary>The methods of a template, for <c>Allow</c> (GET implies HEAD).</summary>
    public IReadOnlyList<string> MethodsOf(string template)
    {
        var methods = _routes.Where(r => string.Equals(r.Template, template, StringComparison.OrdinalIgnoreCase)).Select(r => r.Method).ToList();
        if (methods.Contains(HttpMethods.Get))
        {
            methods.Insert(methods.IndexOf(HttpMethods.Get) + 1, HttpMethods.Head);
        }

        return methods;
    }

    /// <summary>Finds the route of a method and path (case-insensitive, trailing slash ignored).</summary>
    public bool TryMatch(string method, string path, out RedfishRoute? route, out RouteValueDictionary values)
    {
        var trimmed = new PathString("/" + path.Trim('/'));
        foreach (var candidate in _routes)
        {
            if (!string.Equals(candidate.Method, method, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            values = [];
            if (candidate.Matcher.TryMatch(trimmed, values))
            {
                route = candidate;
                return true;
            }
        }

        route = null;
        values = [];
        return false;
    }

    internal void MapEndpoints(IEndpointRouteBuilder endpoints, RedfishPipeline pipeline)
    {
        foreach (var group in _routes.GroupBy(r => r.Template, StringComparer.OrdinalIgnoreCase))
        {
            var methods = MethodsOf(group.Key);
            foreach (var route in group)
            {
                route.AllowHeader = string.Join(", ", methods);
                var verbs = route.Method == HttpMethods.Get ? new[] { HttpMethods.Get, HttpMethods.Head } : new[] { route.Method };
                endpoints.MapMethods(route.Template, verbs, (RequestDelegate)(context => pipeline.ExecuteAsync(context, route)))
                    .WithDisplayName(route.ToString())
                    .WithMetadata(route);
            }

            var others = new[] { HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Patch, HttpMethods.Put, HttpMethods.Delete }
                .Where(m => !methods.Contains(m)).ToArray();
            if (others.Length > 0)
            {
                var allow = string.Join(", ", methods);
                endpoints.MapMethods(group.Key, others, (RequestDelegate)(context => pipeline.RefuseMethodAsync(context, allow)))
                    .WithDisplayName("405 " + group.Key);
            }
        }
    }
}
