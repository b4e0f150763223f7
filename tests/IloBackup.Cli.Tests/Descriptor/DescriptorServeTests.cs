using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using IloBackup.Cli.Tests.Fleet;
using IloBackup.Cli.Tests.Serve;
using IloBackup.TestSupport;
using IloBackup.TestSupport.S3;

namespace IloBackup.Cli.Tests.Descriptor;

/// <summary>
/// <c>serve</c> on a repository file naming PostgreSQL + S3 + encryption: its own files (run records, users) live in
/// the file's work directory; <c>--once</c> backs up the fleet; the fleet page and a server's page read the catalog.
/// </summary>
public sealed partial class DescriptorServeTests(S3rver s3) : IClassFixture<S3rver>
{
    [RemoteRepositoryFact]
    public async Task Serve_once_and_the_fleet_page_over_postgres_and_s3()
    {
        await using var emulated = await EmulatedFleet.StartAsync(2);
        var site = await DescriptorSite.PostgresS3Async(emulated.Directory, s3);
        var work = Path.Combine(site.Folder, "work");

        var (code, output, error) = await CliRun.RunAsync("serve", "--repo", site.File, "--inventory", emulated.Inventory, "--once");
        Assert.True(code == 0, output + error);
        Assert.Contains("run 1: 2 ok, 0 skipped, 0 failed of 2", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(work, "serve", "runs", "run-000001.json")));
        Assert.False(Directory.Exists(site.File + ".work"));

        var (tokenCode, token, tokenError) = await CliRun.RunAsync("serve", "token", "add", "dashboard", "--role", "viewer", "--repo", site.File);
        Assert.True(tokenCode == 0, tokenError);
        Assert.True(File.Exists(Path.Combine(work, "serve", "users")));

        using var console = new LockedWriter();
        using var errors = new LockedWriter();
        using var stop = new CancellationTokenSource();
        var serve = CliApp.RunAsync(
            ["serve", "--repo", site.File, "--inventory", emulated.Inventory, "--listen", "127.0.0.1:0", "--no-tls"],
            new CliConsole(console, errors, new StringReader(string.Empty), isInteractive: false), stop.Token);
        await Polling.UntilAsync(() => ListeningOn().IsMatch(console.ToString()) || serve.IsCompleted, "serve to listen", 60_000);
        Assert.False(serve.IsCompleted, errors.ToString());
        using var client = new HttpClient { BaseAddress = new Uri(ListeningOn().Match(console.ToString()).Groups[1].Value) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());

        using var fleet = await client.GetAsync(new Uri("/", UriKind.Relative));
        var page = await fleet.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, fleet.StatusCode);
        var serial = emulated.Fleet[0].Identity.ServerSerial;
        Assert.Contains(serial, page, StringComparison.Ordinal);
        Assert.Contains(emulated.Fleet[1].Identity.ServerSerial, page, StringComparison.Ordinal);
        using var server = await client.GetAsync(new Uri("/servers/" + serial, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, server.StatusCode);
        Assert.Contains(serial, await server.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await stop.CancelAsync();
        Assert.Equal(0, await serve);
    }

    [GeneratedRegex(@"serve: listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();
}
