using PuppeteerSharp;

namespace IloBackup.Serve.Tests.Browser;

/// <summary>
/// The dashboard in a real browser (Debian's chromium, driven by PuppeteerSharp; no browser download) against the
/// service on a TLS socket over a repository filled by emulated iLOs: sign-in, pages, links and filters, a run started
/// from the page, no console errors; screenshots at 1280 px and phone width in artifacts/screenshots/.
/// </summary>
public sealed class DashboardBrowserTests : IAsyncLifetime
{
    private readonly List<string> _consoleErrors = [];
    private ServeFixture _fx = null!;
    private IBrowser _browser = null!;
    private IPage _page = null!;
    private string _shots = null!;

    public async Task InitializeAsync()
    {
        if (ChromiumFactAttribute.Executable is null)
        {
            return;
        }

        // rack2's baseline pins NTP servers the emulated iLO 1 does not have: it shows as drifted.
        _fx = await ServeFixture.StartAsync(
            runs: 1, socket: true, baselines: IloBackup.Engine.Drift.DriftBaselineFile.Parse("tags:\n  rack2:\n    ntp-servers: [ntp9.example.com]\n", "baselines.yaml"));
        _shots = TestPaths.Artifacts("screenshots");
        _browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = ChromiumFactAttribute.Executable,
            Headless = true,
            AcceptInsecureCerts = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
        });
        _page = await _browser.NewPageAsync();
        _page.Console += (_, e) =>
        {
            if (e.Message.Type == ConsoleType.Error)
            {
                _consoleErrors.Add(e.Message.Text);
            }
        };
        _page.PageError += (_, e) => _consoleErrors.Add(e.Message);
        await _page.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 900 });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            _browser.Dispose();
        }

        if (_fx is not null)
        {
            await _fx.DisposeAsync();
        }
    }

    private Uri At(string path) => new(_fx.BaseAddress!, path);

    private Task<int> RowsAsync() => _page.EvaluateExpressionAsync<int>("document.querySelectorAll('#fleet tbody tr').length");

    [ChromiumFact]
    public async Task Sign_in_browse_filter_start_a_run_and_see_it_finish_without_console_errors()
    {
        // Anonymous: sent to the sign-in page, then back to where we were going.
        await _page.GoToAsync(At("/?show=all").ToString(), WaitUntilNavigation.Networkidle0);
        Assert.EndsWith("/login?return=%2F%3Fshow%3Dall", _page.Url, StringComparison.Ordinal);
        await _page.TypeAsync("#user", "otto");
        await _page.TypeAsync("#password", ServeFixture.OperatorPassword);
        await Task.WhenAll(_page.WaitForNavigationAsync(), _page.ClickAsync("form.login button[type=submit]"));
        Assert.Equal(At("/?show=all").ToString(), _page.Url);
        Assert.Equal(3, await RowsAsync());
        await _page.ScreenshotAsync(Path.Combine(_shots, "serve-fleet-1280.png"), new ScreenshotOptions { FullPage = true });

        // Live filters (htmx): typing narrows the table without a reload, the address follows.
        await _page.TypeAsync("#q", "rack2");
        await _page.WaitForFunctionAsync("() => document.querySelectorAll('#fleet tbody tr').length === 2");
        Assert.Contains("q=rack2", _page.Url, StringComparison.Ordinal);
        await _page.SelectAsync("#show", "failing");
        await _page.WaitForFunctionAsync("() => document.querySelectorAll('#fleet tbody tr').length === 1");
        Assert.Contains("GONE0001", await _page.EvaluateExpressionAsync<string>("document.querySelector('#fleet tbody').innerText"), StringComparison.Ordinal);
        await _page.SelectAsync("#show", "drifted");
        // Still one row as under "failing": wait for the swap itself (the drifted server's row), not for the count.
        await _page.WaitForFunctionAsync(
            "s => document.querySelectorAll('#fleet tbody tr').length === 1 && document.querySelector('#fleet tbody').innerText.includes(s)",
            _fx.Fleet[1].Identity.ServerSerial);
        Assert.Contains(_fx.Fleet[1].Identity.ServerSerial, await _page.EvaluateExpressionAsync<string>("document.querySelector('#fleet tbody').innerText"), StringComparison.Ordinal);

        // A server's page through its link.
        await _page.GoToAsync(At("/").ToString(), WaitUntilNavigation.Networkidle0);
        var serial = _fx.Fleet[0].Identity.ServerSerial;
        await Task.WhenAll(_page.WaitForNavigationAsync(), _page.ClickAsync($"a[href='/servers/{serial}']"));
        Assert.Contains($"Server {serial}", await _page.EvaluateExpressionAsync<string>("document.querySelector('h1').innerText"), StringComparison.Ordinal);
        Assert.Equal(1, await _page.EvaluateExpressionAsync<int>("document.querySelectorAll('a[download]').length"));

        // A run started from the page completes; its page follows it live.
        await Task.WhenAll(_page.WaitForNavigationAsync(), _page.ClickAsync("nav a[href='/runs']"));
        await Task.WhenAll(_page.WaitForNavigationAsync(), _page.ClickAsync(".actions form button[type=submit]"));
        Assert.EndsWith("/runs/2", _page.Url, StringComparison.Ordinal);
        await _page.WaitForSelectorAsync("#run[data-state=finished]", new WaitForSelectorOptions { Timeout = 60_000 });
        Assert.Contains("Run 2: finished with failures", await _page.EvaluateExpressionAsync<string>("document.querySelector('h1').innerText"), StringComparison.Ordinal);
        Assert.Equal(3, await _page.EvaluateExpressionAsync<int>("document.querySelectorAll('#run tbody tr').length"));
        await _page.ScreenshotAsync(Path.Combine(_shots, "serve-run-1280.png"), new ScreenshotOptions { FullPage = true });

        // Phone width: the tables become labelled cards, nothing scrolls sideways.
        await _page.SetViewportAsync(new ViewPortOptions { Width = 390, Height = 844, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2 });
        await _page.ScreenshotAsync(Path.Combine(_shots, "serve-run-phone.png"), new ScreenshotOptions { FullPage = true });
        await _page.GoToAsync(At("/").ToString(), WaitUntilNavigation.Networkidle0);
        Assert.True(await _page.EvaluateExpressionAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the fleet page scrolls sideways on a phone");
        await _page.ScreenshotAsync(Path.Combine(_shots, "serve-fleet-phone.png"), new ScreenshotOptions { FullPage = true });
        await Task.WhenAll(_page.WaitForNavigationAsync(), _page.ClickAsync("nav a[href='/drift']"));
        Assert.Contains("ntp9.example.com", await _page.EvaluateExpressionAsync<string>("document.querySelector('main').innerText"), StringComparison.Ordinal);
        Assert.True(await _page.EvaluateExpressionAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the drift page scrolls sideways on a phone");
        await _page.ScreenshotAsync(Path.Combine(_shots, "serve-drift-phone.png"), new ScreenshotOptions { FullPage = true });

        // Every input has a label.
        Assert.Equal(0, await _page.EvaluateExpressionAsync<int>("[...document.querySelectorAll('input:not([type=hidden]), select')].filter(e => !e.labels || e.labels.length === 0).length"));
        Assert.Empty(_consoleErrors);
    }
}
