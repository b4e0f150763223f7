using System.Net;
using System.Net.Http.Headers;
using IloBackup.Serve.Access;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IloBackup.Serve.Tests.Access;

/// <summary>
/// Every route × anonymous, viewer and operator (browser sessions and bearer tokens), and every session POST with a wrong
/// CSRF token. The route list is checked against the application's own endpoints, so a new route cannot be forgotten.
/// </summary>
public sealed class AuthorizationMatrixTests : IAsyncLifetime
{
    private ServeFixture _fx = null!;
    private string _serial = null!;
    private long _backupId;
    private long _laterBackupId;

    public async Task InitializeAsync()
    {
        _fx = await ServeFixture.StartAsync(runs: 2);
        _serial = _fx.Fleet[0].Identity.ServerSerial;
        _backupId = _fx.Runs.Store.Get(1)!.Hosts.First(h => h.Serial == _serial).BackupId!.Value;
        _laterBackupId = _fx.Runs.Store.Get(2)!.Hosts.First(h => h.Serial == _serial).BackupId!.Value;
    }

    public async Task DisposeAsync() => await _fx.DisposeAsync();

    /// <summary>Route pattern, method (<c>*</c>: any, sent as GET), a concrete path, the least role (null: anyone).</summary>
    private List<(string Pattern, string Method, string Path, Role? Needs)> Routes() =>
    [
        ("/healthz", "GET", "/healthz", null),
        ("/static/{name}", "GET", "/static/site.css", null),
        ("/login", "GET", "/login", null),
        ("/login", "POST", "/login", null),
        ("/logout", "POST", "/logout", Role.Viewer),
        ("/", "GET", "/", Role.Viewer),
        ("/servers/{key}", "GET", $"/servers/{_serial}", Role.Viewer),
        ("/servers/{key}/diff", "GET", $"/servers/{_serial}/diff?from={_backupId}&to={_laterBackupId}", Role.Viewer),
        ("/backups/{id:long}/download", "GET", $"/backups/{_backupId}/download", Role.Operator),
        ("/drift", "GET", "/drift", Role.Viewer),
        ("/runners", "GET", "/runners", Role.Viewer),
        ("/runs", "GET", "/runs", Role.Viewer),
        ("/runs/{id:int}", "GET", "/runs/1", Role.Viewer),
        ("/runs", "POST", "/runs", Role.Operator),
        ("/metrics", "*", "/metrics", Role.Viewer),
    ];

    [Fact]
    public void The_matrix_names_every_route_of_the_application()
    {
        var endpoints = _fx.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => (e.RoutePattern.RawText!, m)))
            .Order().ToList();

        Assert.Equal(Routes().Select(r => (r.Pattern, r.Method)).Order(), endpoints);
        Assert.All(_fx.App.Services.GetRequiredService<EndpointDataSource>().Endpoints, e => Assert.NotNull(e.Metadata.GetMetadata<RequiresRole>()));
    }

    public static TheoryData<string, string> Callers() => new()
    {
        { "anonymous", "none" }, { "viewer", "session" }, { "operator", "session" }, { "viewer", "token" }, { "operator", "token" },
    };

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Each_caller_gets_exactly_what_its_role_allows(string who, string how)
    {
        var role = who switch { "viewer" => Role.Viewer, "operator" => (Role?)Role.Operator, _ => null };
        foreach (var route in Routes())
        {
            // A fresh session per route: POST /logout ends the one it is sent with.
            ServeFixture.Session? session = role is null || how != "session" ? null
                : await _fx.SignInAsync(role == Role.Viewer ? "vera" : "otto", role == Role.Viewer ? ServeFixture.ViewerPassword : ServeFixture.OperatorPassword);
            using var request = Request(route.Method == "*" ? "GET" : route.Method, route.Path, session, session?.Csrf);
            if (how == "token")
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", role == Role.Viewer ? _fx.ViewerToken : _fx.OperatorToken);
            }

            using var answer = await _fx.Client.SendAsync(request);
            var status = answer.StatusCode;
            var label = $"{who}/{how} {route.Method} {route.Path}: {(int)status}";
            if (route.Needs is null)
            {
                // Open routes: the login POST without its own double-submitted token is refused for that reason only.
                Assert.True(route.Path == "/login" && route.Method == "POST" ? status == HttpStatusCode.Forbidden : status == HttpStatusCode.OK, label);
            }
            else if (role is null)
            {
                Assert.True(status == HttpStatusCode.Unauthorized, label);
                Assert.Contains("Bearer", answer.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            }
            else if (role < route.Needs)
            {
                Assert.True(status == HttpStatusCode.Forbidden, label);
            }
            else
            {
                Assert.True(status is HttpStatusCode.OK or HttpStatusCode.SeeOther or HttpStatusCode.Conflict, label);
            }

            await _fx.Runs.WaitIdleAsync();
        }
    }

    [Theory]
    [InlineData("viewer", "/logout")]
    [InlineData("operator", "/logout")]
    [InlineData("operator", "/runs")]
    public async Task A_session_post_with_a_missing_or_wrong_csrf_token_is_refused_and_changes_nothing(string who, string path)
    {
        var session = who == "viewer" ? await _fx.SignInAsync("vera", ServeFixture.ViewerPassword) : await _fx.SignInAsync("otto", ServeFixture.OperatorPassword);
        var other = await _fx.SignInAsync("otto", ServeFixture.OperatorPassword);
        var runsBefore = _fx.Runs.Store.List().Count;
        foreach (var csrf in new string?[] { null, string.Empty, "0000", other.Csrf, session.Csrf.ToUpperInvariant() })
        {
            using var answer = await _fx.Client.SendAsync(Request("POST", path, session, csrf));
            Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        }

        Assert.Equal(runsBefore, _fx.Runs.Store.List().Count);
        using var stillSignedIn = await _fx.Client.SendAsync(Request("GET", "/runs", session, null));
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
    }

    [Fact]
    public async Task An_anonymous_browser_is_sent_to_the_login_page_with_its_way_back()
    {
        using var request = Request("GET", $"/servers/{_serial}", null, null);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        using var answer = await _fx.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal($"/login?return=%2Fservers%2F{_serial}", answer.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_wrong_or_unknown_token_is_anonymous()
    {
        foreach (var token in new[] { "ilb_wrong", _fx.ViewerToken + "x", _fx.ViewerToken[..^1] })
        {
            using var request = Request("GET", "/metrics", null, null);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var answer = await _fx.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        }
    }

    private static HttpRequestMessage Request(string method, string path, ServeFixture.Session? session, string? csrf)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (session is not null)
        {
            request.Headers.Add("Cookie", $"{AccessMiddleware.CookieName}={session.Cookie}");
        }

        if (method == "POST")
        {
            var form = new Dictionary<string, string>();
            if (csrf is not null)
            {
                form[AccessMiddleware.CsrfField] = csrf;
            }

            request.Content = new FormUrlEncodedContent(form);
        }

        return request;
    }
}
