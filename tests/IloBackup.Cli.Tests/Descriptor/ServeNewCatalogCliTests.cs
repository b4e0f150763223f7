using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using IloBackup.Cli.Tests.Fleet;
using IloBackup.Cli.Tests.Serve;
using IloBackup.TestSupport;
using IloBackup.TestSupport.S3;

namespace IloBackup.Cli.Tests.Descriptor;

/// <summary>
/// <c>serve</c> started on a brand-new PostgreSQL catalog (issue 20): it makes the catalog's tables at start, so its
/// heartbeat and the Runners page work before its first run (which a yearly schedule keeps far away).
/// </summary>
public sealed partial class ServeNewCatalogCliTests(S3rver s3) : IClassFixture<S3rver>
{
    [RemoteRepositoryFact]
    public async Task Serve_on_a_new_catalog_beats_and_lists_itself_before_its_first_run()
    {
        await using var emulated = await EmulatedFleet.StartAsync(1);
        var site = await DescriptorSite.PostgresS3Async(emulated.Directory, s3);
        var (tokenCode, token, tokenError) = await CliRun.RunAsync("serve", "token", "add", "wall", "--role", "viewer", "--repo", site.File);
        Assert.True(tokenCode == 0, tokenError);

        using var console = new LockedWriter();
        using var errors = new LockedWriter();
        using var stop = new CancellationTokenSource();
        var serve = CliApp.RunAsync(
            ["serve", "--repo", site.File, "--inventory", emulated.Inventory, "--listen", "127.0.0.1:0", "--no-tls", "--runner", "site-n", "--schedule", "0 0 1 1 *"],
            new CliConsole(console, errors, new StringReader(string.Empty), isInteractive: false), stop.Token);
        await Polling.UntilAsync(() => ListeningOn().IsMatch(console.ToString()) || serve.IsCompleted, "serve to listen", 60_000);
        Assert.False(serve.IsCompleted, errors.ToString());
        using var client = new HttpClient { BaseAddress = new Uri(ListeningOn().Match(console.ToString()).Groups[1].Value) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());

        // Its first heartbeat is written once the service runs: wait for the page to list it.
        var page = string.Empty;
        await Polling.UntilAsync(
            () => (page = client.GetStringAsync(new Uri("/runners", UriKind.Relative)).GetAwaiter().GetResult()).Contains("site-n (this one)", StringComparison.Ordinal)
                || page.Contains("cannot be read", StringComparison.Ordinal) || serve.IsCompleted,
            "the runners page to list this runner",
            60_000);
        Assert.Contains("site-n (this one)", page, StringComparison.Ordinal);
        Assert.Contains("1 runners · 0 silent", page, StringComparison.Ordinal);

        await stop.CancelAsync();
        Assert.Equal(0, await serve);
        Assert.DoesNotContain("heartbeat", errors.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("no tables", errors.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("could not be read", errors.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"serve: listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();
}
