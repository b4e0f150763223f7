using System.Net;
using System.Net.Http.Headers;
using IloBackup.Engine.Drift;
using IloBackup.Serve.Access;
using IloBackup.Serve.Fleet;
using IloBackup.Serve.Pages;
using Microsoft.Extensions.Logging.Abstractions;

namespace IloBackup.Serve.Tests.Web;

/// <summary>
/// <c>serve --baseline</c> over real runs: iLO 0 (tags rack1, prod) meets the prod baseline, iLO 1 (rack2) drifts from the
/// default, the unreachable host has no good backup. The fleet page counts and filters drifted servers, the server page
/// shows its drift, /drift lists them all, and /metrics counts them.
/// </summary>
public sealed class DriftDashboardTests : IAsyncLifetime
{
    private const string Baselines = """
        default:
          ntp-servers: [ntp1.example.com]
        tags:
          prod:
            ntp-servers: [ntp1.example.com, ntp2.example.com]
        """;

    private ServeFixture _fx = null!;
    private ServeFixture.Session _viewer = null!;

    public async Task InitializeAsync()
    {
        _fx = await ServeFixture.StartAsync(runs: 1, baselines: DriftBaselineFile.Parse(Baselines, "baselines.yaml"), beforeRun: (fleet, _) =>
        {
            fleet[0].Change(c => c.Configuration = c.Configuration with { Time = c.Configuration.Time with { NtpServers = ["ntp2.example.com", "ntp1.example.com"] } });
            fleet[1].Change(c => c.Configuration = c.Configuration with { Time = c.Configuration.Time with { NtpServers = ["ntp9.example.com"] } });
        });
        _viewer = await _fx.SignInAsync("vera", ServeFixture.ViewerPassword);
    }

    public async Task DisposeAsync() => await _fx.DisposeAsync();

    private string Matching => _fx.Fleet[0].Identity.ServerSerial;
    private string Drifted => _fx.Fleet[1].Identity.ServerSerial;

    private async Task<string> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", $"{AccessMiddleware.CookieName}={_viewer.Cookie}");
        using var answer = await _fx.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return await answer.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task The_fleet_page_counts_and_filters_drifted_servers()
    {
        var page = await GetAsync("/");
        Assert.Contains("""<a href="/drift">1 drifted</a>""", page, StringComparison.Ordinal);
        Assert.Contains($"""<a class="badge warn" href="/servers/{Drifted}#drift">drifted</a>""", page, StringComparison.Ordinal);
        Assert.Contains("""<option value="drifted">drifted</option>""", page, StringComparison.Ordinal);

        var filtered = await GetAsync("/?show=drifted");
        Assert.Contains(Drifted, filtered, StringComparison.Ordinal);
        Assert.DoesNotContain(Matching, filtered, StringComparison.Ordinal);
        Assert.Contains("1 shown", filtered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_server_page_shows_the_drift_from_its_baseline()
    {
        var drifted = await GetAsync($"/servers/{Drifted}");
        Assert.Contains("""<h2 id="drift">Drift from its baseline</h2>""", drifted, StringComparison.Ordinal);
        Assert.Contains("differs from default in 1 setting(s)", drifted, StringComparison.Ordinal);
        Assert.Contains("<td>default</td><td><code>ntp-servers</code></td><td>ntp1.example.com</td><td>ntp9.example.com</td>", drifted, StringComparison.Ordinal);

        var matching = await GetAsync($"/servers/{Matching}");
        Assert.Contains("matches tag prod.", matching, StringComparison.Ordinal);
        Assert.DoesNotContain("ntp9.example.com", matching, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_drift_page_lists_every_server_and_one_without_a_good_backup_as_such()
    {
        var page = await GetAsync("/drift");

        Assert.Contains("3 servers · 1 matching · 1 drifted · 1 not checked · 0 without a baseline", page, StringComparison.Ordinal);
        Assert.Contains("""<span class="badge bad">no good backup</span>""", page, StringComparison.Ordinal);
        Assert.Contains("""<a href="/drift" aria-current="page">Drift</a>""", page, StringComparison.Ordinal);
        Assert.True(page.IndexOf(Drifted, StringComparison.Ordinal) < page.IndexOf(Matching, StringComparison.Ordinal), "drifted servers come first");
    }

    [Fact]
    public async Task The_metrics_count_drifted_servers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _fx.ViewerToken);
        using var answer = await _fx.Client.SendAsync(request);
        var samples = PrometheusText.Parse(await answer.Content.ReadAsStringAsync());

        Assert.Equal(1, samples.Value("ilobackup_servers", ("state", "drifted")));
        Assert.Equal(3, samples.Value("ilobackup_servers", ("state", "known")));
    }

    [Fact]
    public async Task A_same_as_backup_that_is_gone_is_shown_as_a_problem_not_as_no_drift()
    {
        var broken = new FleetStateCache(
            _fx.Repository, _ => [], _fx.Time, NullLogger.Instance, DriftBaselineFile.Parse("default:\n  same-as: 999\n", "baselines.yaml"));
        await broken.RefreshAsync(default);

        Assert.Null(broken.Current.Drift);
        Assert.Equal("baselines.yaml:2: baseline 'default': same-as backup 999 is not in the repository", broken.Current.DriftProblem);
        Assert.All(broken.Current.Servers, s => Assert.False(s.Drifted));
        var caller = new Caller("vera", Role.Viewer, null);
        Assert.Contains("The baselines cannot be applied: baselines.yaml:2:", DriftPage.Render(broken.Current, hasBaselines: true, caller), StringComparison.Ordinal);
        Assert.Contains("The baselines cannot be applied", FleetPage.Render(broken.Current, null, null, null, null, caller, _fx.Time.GetUtcNow()), StringComparison.Ordinal);
    }
}
