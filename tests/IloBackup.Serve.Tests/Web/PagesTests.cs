using System.Net;
using System.Security.Cryptography;
using IloBackup.Engine.Repository;
using IloBackup.Serve.Access;

namespace IloBackup.Serve.Tests.Web;

/// <summary>The pages over a real repository: fleet (search, filter, failures), server history, diff, download, run page.</summary>
public sealed class PagesTests : IAsyncLifetime
{
    private ServeFixture _fx = null!;
    private ServeFixture.Session _viewer = null!;
    private ServeFixture.Session _operator = null!;

    public async Task InitializeAsync()
    {
        // Between the two runs, iLO 0's SNMP location changes: its two backups differ in one setting.
        _fx = await ServeFixture.StartAsync(runs: 2, beforeRun: (fleet, run) =>
        {
            if (run == 1)
            {
                fleet[0].Change(c => c.Configuration = c.Configuration with { Snmp = c.Configuration.Snmp with { Location = "Rack 42 <row B>" } });
            }
        });
        _viewer = await _fx.SignInAsync("vera", ServeFixture.ViewerPassword);
        _operator = await _fx.SignInAsync("otto", ServeFixture.OperatorPassword);
    }

    public async Task DisposeAsync() => await _fx.DisposeAsync();

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string path, ServeFixture.Session session, bool htmx = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", $"{AccessMiddleware.CookieName}={session.Cookie}");
        if (htmx)
        {
            request.Headers.Add("HX-Request", "true");
        }

        using var answer = await _fx.Client.SendAsync(request);
        return (answer.StatusCode, await answer.Content.ReadAsStringAsync());
    }

    private static int Rows(string html) => html.Split("<tr ").Length - 1;

    [Fact]
    public async Task Fleet_page_shows_every_server_its_last_good_backup_and_the_failures_with_reasons()
    {
        var (status, html) = await GetAsync("/", _viewer);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, Rows(html));
        foreach (var ilo in _fx.Fleet.Ilos)
        {
            Assert.Contains($"<a href=\"/servers/{ilo.Identity.ServerSerial}\">{ilo.Identity.ServerSerial}</a>", html, StringComparison.Ordinal);
        }

        Assert.Contains("GONE0001", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"badge bad\">failing</span>", html, StringComparison.Ordinal);
        Assert.Contains("1 failing", html, StringComparison.Ordinal);
        Assert.Contains("&lt;i&gt;odd&lt;/i&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>odd</i>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("q=rack2", 2)]
    [InlineData("q=RACK1", 1)]
    [InlineData("q=127.0.0.1:1", 1)]
    [InlineData("show=failing", 1)]
    [InlineData("show=never", 1)]
    [InlineData("show=suspect", 0)]
    [InlineData("q=rack2&show=failing", 1)]
    [InlineData("q=nothing-like-this", 0)]
    public async Task Search_and_filters_narrow_the_fleet(string query, int rows)
    {
        var (_, html) = await GetAsync("/?" + query, _viewer);
        Assert.Equal(rows, Rows(html));
        Assert.Contains($"{rows} shown", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_by_serial_finds_that_server()
    {
        var serial = _fx.Fleet[1].Identity.ServerSerial;
        var (_, html) = await GetAsync("/?q=" + serial[^4..], _viewer);
        Assert.Equal(1, Rows(html));
        Assert.Contains(serial, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_page_lists_the_history_and_offers_downloads_to_operators_only()
    {
        var serial = _fx.Fleet[0].Identity.ServerSerial;
        var (_, asViewer) = await GetAsync($"/servers/{serial}", _viewer);
        var (_, asOperator) = await GetAsync($"/servers/{serial}", _operator);

        Assert.Equal(2, Rows(asViewer));
        Assert.Contains("operators only", asViewer, StringComparison.Ordinal);
        Assert.DoesNotContain("/download", asViewer, StringComparison.Ordinal);
        Assert.Equal(2, asOperator.Split("/download\" download>").Length - 1);
        Assert.Contains(">changed<", asOperator, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_page_shows_the_changed_setting_encoded()
    {
        var serial = _fx.Fleet[0].Identity.ServerSerial;
        var first = _fx.Runs.Store.Get(1)!.Hosts.Single(h => h.Serial == serial).BackupId;
        var second = _fx.Runs.Store.Get(2)!.Hosts.Single(h => h.Serial == serial).BackupId;

        var (status, html) = await GetAsync($"/servers/{serial}/diff?from={first}&to={second}", _viewer);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(html.Contains("1 difference(s)", StringComparison.Ordinal), html[html.IndexOf("<main", StringComparison.Ordinal)..]);
        Assert.Contains("Location", html, StringComparison.Ordinal);
        Assert.Contains("Rack 42 &lt;row B&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_gives_the_stored_file_whose_hash_is_the_catalogs()
    {
        await using var repository = await BackupRepository.OpenAsync(_fx.Repository, new BackupRepositoryOptions { ReadOnly = true }, default);
        var entry = (await repository.FindNewestGoodAsync(_fx.Fleet[1].Identity.ServerSerial, null, default))!;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/backups/{entry.Id}/download");
        request.Headers.Add("Cookie", $"{AccessMiddleware.CookieName}={_operator.Cookie}");
        using var answer = await _fx.Client.SendAsync(request);
        var bytes = await answer.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(entry.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal(entry.FileName, answer.Content.Headers.ContentDisposition!.FileName);
        Assert.Equal("attachment", answer.Content.Headers.ContentDisposition.DispositionType);
    }

    [Fact]
    public async Task Run_page_has_the_reports_rows_with_the_failure_reason()
    {
        var run = _fx.Runs.Store.Get(2)!;
        var (_, html) = await GetAsync("/runs/2", _viewer);

        Assert.Equal(3, Rows(html));
        Assert.Contains("finished with failures", html, StringComparison.Ordinal);
        var failed = run.Hosts.Single(h => h.Status == "failed");
        Assert.Contains(System.Net.WebUtility.HtmlEncode(failed.Reason!), html, StringComparison.Ordinal);
        foreach (var host in run.Hosts.Where(h => h.Sha256 is not null))
        {
            Assert.Contains(host.Sha256!, html, StringComparison.Ordinal);
        }

        var (_, list) = await GetAsync("/runs", _viewer);
        Assert.Contains("<a href=\"/runs/1\">Run 1</a>", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Run now", list, StringComparison.Ordinal);
        var (_, listForOperator) = await GetAsync("/runs", _operator);
        Assert.Contains("Run now", listForOperator, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_page_sets_a_strict_content_security_policy()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", $"{AccessMiddleware.CookieName}={_viewer.Cookie}");
        using var answer = await _fx.Client.SendAsync(request);

        Assert.Contains("script-src 'self'", answer.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", answer.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-store", answer.Headers.CacheControl!.ToString());
    }
}
