using IloBackup.Emulator.Redfish.Metadata;
using IloBackup.Emulator.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IloBackup.Emulator.Redfish;

/// <summary>
/// Where resources declare their routes (see <see cref="Resources.EmulatorRoutes"/>): each becomes
/// an ASP.NET Core endpoint at once, with its facts as metadata. Matching is the framework's; this
/// only adds what it cannot know by itself: the <c>Allow</c> list of a path, and an endpoint per
/// path that refuses the other standard methods with 405. A non-standard method finds no endpoint
/// and reaches the fallback, which asks the matcher whether the path exists (405) or not (404):
/// the hot path keeps one candidate per method.
/// </summary>
public sealed class RedfishRoutes
{
    private static readonly string[] Standard = [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Patch, HttpMethods.Put, HttpMethods.Delete];

    private readonly IEndpointRouteBuilder? _endpoints;
    private readonly Func<RedfishRoute, RequestDelegate> _execute;
    private readonly List<RedfishRoute> _routes = [];
    private readonly Dictionary<string, AllowedMethodsMetadata> _allowed = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Maps onto <paramref name="endpoints"/>; <paramref name="execute"/> makes each route's request delegate.</summary>
    internal RedfishRoutes(IEndpointRouteBuilder? endpoints, Func<RedfishRoute, RequestDelegate> execute)
    {
        _endpoints = endpoints;
        _execute = execute;
    }

    /// <summary>Every route declared so far, in declaration order.</summary>
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
        if (_endpoints is not null)
        {
            var verbs = route.Method == HttpMethods.Get ? new[] { HttpMethods.Get, HttpMethods.Head } : new[] { route.Method };
            var endpoint = _endpoints.MapMethods(canonical, verbs, _execute(route)).WithDisplayName(route.ToString());

            // Conventions run when the endpoints are first built, after every route is declared.
            endpoint.Add(builder =>
            {
                foreach (var item in route.Metadata())
                {
                    builder.Metadata.Add(item);
                }

                builder.Metadata.Add(AllowedOf(route.Template));
            });
        }

        return route;
    }

    /// <summary>The methods of a template, for <c>Allow</c> (GET implies HEAD).</summary>
    public IReadOnlyList<string> MethodsOf(string template) => AllowedOf("/" + template.Trim('/')).Methods;

    /// <summary>Maps, for every path, the endpoint that answers the standard methods it lacks with <paramref name="refuse"/>.</summary>
    /// <remarks>Called once, after every route is declared; the <c>Allow</c> lists are fixed from then on.</remarks>
    internal void MapMethodRefusals(RequestDelegate refuse)
    {
        foreach (var template in _routes.Select(r => r.Template).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var allowed = AllowedOf(template);
            _allowed[template] = allowed;
            var others = Standard.Where(m => !allowed.Methods.Contains(m)).ToArray();
            if (others.Length > 0)
            {
                _endpoints?.MapMethods(template, others, refuse).WithDisplayName("405 " + template).WithMetadata(allowed);
            }
        }
    }

    private AllowedMethodsMetadata AllowedOf(string template)
    {
        if (_allowed.TryGetValue(template, out var known))
        {
            return known;
        }

        var methods = _routes.Where(r => string.Equals(r.Template, template, StringComparison.OrdinalIgnoreCase)).Select(r => r.Method).ToList();
        if (methods.Contains(HttpMethods.Get))
        {
            methods.Insert(methods.IndexOf(HttpMethods.Get) + 1, HttpMethods.Head);
        }

        return new AllowedMethodsMetadata(methods);
    }
}
