using System.Net;
using System.Text.RegularExpressions;
using IloBackup.Emulator.Hosting;
using IloBackup.Engine.Fleet;
using IloBackup.Engine.Inventory;
using IloBackup.Redfish;
using IloBackup.Redfish.Tls;
using IloBackup.Serve.Access;
using IloBackup.Serve.Fleet;
using IloBackup.Serve.Runs;
using IloBackup.Serve.Web;
using IloBackup.TestSupport.Emulation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging.Abstractions;

namespace IloBackup.Serve.Tests;

/// <summary>
/// The service over a real repository filled by real runs: two emulated iLOs (tagged rack1/rack2) and one unreachable
/// address, backed up through the production executor; the web side on an in-process test server; two users and two
/// tokens in a real users file.
/// </summary>
public sealed partial class ServeFixture : IAsyncDisposable
{
    public const string ViewerPassword = "viewer-password-1";
    public const string OperatorPassword = "operator-password-1";
    private WebApplication? _app;
    private bool _socket;

    private ServeFixture(string directory, EmulatorFleet fleet, FleetRunCoordinator runs, FleetStateCache state, AccessControl access, TimeProvider time)
    {
        Directory = directory;
        Fleet = fleet;
        Runs = runs;
        State = state;
        Access = access;
        Time = time;
    }

    public string Directory { get; }
    public string Repository => Path.Combine(Directory, "repo");
    public EmulatorFleet Fleet { get; }
    public FleetRunCoordinator Runs { get; }
    public FleetStateCache State { get; }
    public AccessControl Access { get; }
    public TimeProvider Time { get; }
    public string ViewerToken { get; private set; } = string.Empty;
    public string OperatorToken { get; private set; } = string.Empty;
    public WebApplication App => _app!;
    public HttpClient Client { get; private set; } = null!;

    /// <summary>Starts the fleet, makes <paramref name="runs"/> runs, and the web side (on <paramref name="time"/>, default the system clock).</summary>
    public static async Task<ServeFixture> StartAsync(
        int runs = 1, TimeProvider? time = null, Action<EmulatorFleet, int>? beforeRun = null, bool socket = false, IloBackup.Engine.Drift.DriftBaselineFile? baselines = null)
    {
        time ??= TimeProvider.System;
        var directory = System.IO.Directory.CreateTempSubdirectory("serve-web-").FullName;
        var fleet = await TestIlo.StartKestrelAsync(null, o => o with { Count = 2 });
        var inventoryPath = Path.Combine(directory, "fleet.yaml");
        await File.WriteAllTextAsync(inventoryPath, $"""
            defaults:
              user: {TestIlo.AdminUser}
              password-env: SERVE_TEST_PW
            hosts:
              - host: {fleet[0].BaseUrl}
                tags: [rack1, prod]
              - host: {fleet[1].BaseUrl}
                tags: [rack2]
              - host: http://127.0.0.1:1
                serial: GONE0001
                tags: [rack2, "<i>odd</i>"]
            """);
        var repository = Path.Combine(directory, "repo");
        var connector = new RedfishIloConnector(new RedfishIloConnectorOptions
        {
            Tls = TlsPolicy.DangerousAcceptAnyCertificate(),
            Client = new RedfishClientOptions { MaxRetries = 0 },
            Environment = name => name == "SERVE_TEST_PW" ? TestIlo.AdminPassword : null,
        });
        var inventory = await InventoryLoader.LoadAsync(inventoryPath, default);
        IReadOnlyList<string> Tags(string host) => inventory.Hosts.FirstOrDefault(h => h.Address == host)?.Tags ?? [];
        var state = new FleetStateCache(repository, Tags, time, NullLogger.Instance, baselines);
        var executor = new RepositoryFleetRun(
            repository, ct => InventoryLoader.LoadAsync(inventoryPath, ct), connector,
            new FleetRunnerOptions { Concurrency = 3, MaxRetries = 0, HostDeadline = TimeSpan.FromSeconds(30) }, time);
        var coordinator = new FleetRunCoordinator(executor, RunStore.Open(repository), [state], time, NullLogger.Instance);
        for (var i = 0; i < runs; i++)
        {
            beforeRun?.Invoke(fleet, i);
            await coordinator.TryStart("schedule", default)!;
        }

        var usersPath = Path.Combine(repository, "serve", "users");
        var users = UsersFile.Load(usersPath);
        users = await users.WithAsync(new Principal("user", "vera", Role.Viewer, PasswordHash.Hash(ViewerPassword, 1000)), default);
        users = await users.WithAsync(new Principal("user", "otto", Role.Operator, PasswordHash.Hash(OperatorPassword, 1000)), default);
        var (viewerToken, viewerStored) = PasswordHash.NewToken();
        var (operatorToken, operatorStored) = PasswordHash.NewToken();
        users = await users.WithAsync(new Principal("token", "prometheus", Role.Viewer, viewerStored), default);
        users = await users.WithAsync(new Principal("token", "robot", Role.Operator, operatorStored), default);
        var fixture = new ServeFixture(directory, fleet, coordinator, state, new AccessControl(UsersFile.Load(usersPath), time), time)
        {
            ViewerToken = viewerToken,
            OperatorToken = operatorToken,
            _socket = socket,
        };
        await state.RefreshAsync(default);
        await fixture.StartWebAsync();
        return fixture;
    }

    /// <summary>The web side anew over the same repository (a restarted service: new state cache, new run store).</summary>
    public async Task<(WebApplication App, HttpClient Client)> StartAnotherWebAsync()
    {
        var state = new FleetStateCache(Repository, _ => [], Time, NullLogger.Instance);
        await state.RefreshAsync(default);
        var runs = new FleetRunCoordinator(new NoRunExecutor(), RunStore.Open(Repository), [state], Time, NullLogger.Instance);
        var app = Build(state, runs);
        await app.StartAsync();
        return (app, app.GetTestClient());
    }

    public async ValueTask DisposeAsync()
    {
        await Runs.WaitIdleAsync();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await Fleet.DisposeAsync();
        await State.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>Signs in through the login form; returns the session cookie and the CSRF token of its pages.</summary>
    public async Task<Session> SignInAsync(string user, string password)
    {
        using var form = await Client.GetAsync(new Uri("/login", UriKind.Relative));
        var loginCookie = CookieValue(form, "__Host-ilobackup-login")!;
        var csrf = CsrfField().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["csrf"] = csrf, ["user"] = user, ["password"] = password }),
        };
        post.Headers.Add("Cookie", $"__Host-ilobackup-login={loginCookie}");
        using var answer = await Client.SendAsync(post);
        Assert.Equal(HttpStatusCode.SeeOther, answer.StatusCode);
        var session = CookieValue(answer, AccessMiddleware.CookieName)!;
        using var page = new HttpRequestMessage(HttpMethod.Get, "/runs");
        page.Headers.Add("Cookie", $"{AccessMiddleware.CookieName}={session}");
        using var pageAnswer = await Client.SendAsync(page);
        var token = CsrfField().Match(await pageAnswer.Content.ReadAsStringAsync()).Groups[1].Value;
        return new Session(session, token);
    }

    public static string? CookieValue(HttpResponseMessage response, string name)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Select(c => c.Split(';')[0]).Where(c => c.StartsWith(name + "=", StringComparison.Ordinal)).Select(c => c[(name.Length + 1)..]).FirstOrDefault()
            : null;
    }

    [GeneratedRegex("name=\"csrf\" value=\"([^\"]*)\"")]
    public static partial Regex CsrfField();

    /// <summary>The address of the real socket (with <c>socket: true</c>): https://127.0.0.1:PORT with a self-signed certificate.</summary>
    public Uri? BaseAddress { get; private set; }

    private async Task StartWebAsync()
    {
        _app = Build(State, Runs, _socket);
        await _app.StartAsync();
        if (_socket)
        {
            BaseAddress = new Uri(_app.Urls.Single());
            Client = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }) { BaseAddress = BaseAddress };
        }
        else
        {
            Client = _app.GetTestClient();
        }
    }

    private WebApplication Build(FleetStateCache state, FleetRunCoordinator runs, bool socket = false)
    {
        var context = new ServeContext { RepositoryDirectory = Repository, Runs = runs, Fleet = state, Access = Access, Time = Time };
        var meter = "IloBackup.Serve.Test." + Guid.NewGuid().ToString("N");
        return socket
            ? ServeApp.Build(context, new ServeAppOptions { MeterName = meter, Listen = new IPEndPoint(IPAddress.Loopback, 0), Certificate = IloBackup.TestSupport.Certificates.TestCertificates.CreateSelfSigned("127.0.0.1") })
            : ServeApp.Build(context, new ServeAppOptions { MeterName = meter }, b => b.WebHost.UseTestServer());
    }

    public sealed record Session(string Cookie, string Csrf);

    private sealed class NoRunExecutor : IFleetRunExecutor
    {
        public Task<FleetReport> RunAsync(IProgress<FleetProgress> progress, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("this copy of the service makes no runs");
    }
}
