using System.Net;
using IloBackup.TestSupport.Postgres;
using Microsoft.Extensions.Time.Testing;

namespace IloBackup.Serve.Tests.Runners;

/// <summary>
/// The runner column (issue 20): a server's history names the runner of each backup, and a run's page names its runner and
/// run id, and for a server another runner backed up in the same slot, that runner.
/// </summary>
public sealed class RunnerColumnsTests : INeedsPostgres
{
    private static readonly DateTimeOffset Slot = new(2026, 12, 3, 2, 0, 0, TimeSpan.Zero);

    [CatalogFact]
    public async Task The_server_history_and_the_run_page_name_the_runner()
    {
        await using var site = await ServeRunnerTestSite.StartAsync(ilos: 1);
        var time = new FakeTimeProvider(Slot);
        var a = site.Runner("site-a", time);
        var b = site.Runner("site-b", time);
        await a.TryStart("schedule", Slot, default)!;
        var taken = await b.TryStart("schedule", Slot, default)!;
        Assert.Equal(("taken", "site-a"), (taken.Hosts[0].Status, taken.Hosts[0].Runner));

        var (app, client) = await site.WebAsync(b, null, time);
        await using (app)
        {
            var serial = site.Fleet[0].Identity.ServerSerial;
            using var server = await client.GetAsync(new Uri("/servers/" + serial, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, server.StatusCode);
            var history = await server.Content.ReadAsStringAsync();
            Assert.Contains("<th scope=\"col\">Runner</th>", history, StringComparison.Ordinal);
            Assert.Contains("<td data-label=\"Runner\">site-a</td>", history, StringComparison.Ordinal);

            using var run = await client.GetAsync(new Uri("/runs/1", UriKind.Relative));
            var page = await run.Content.ReadAsStringAsync();
            Assert.Contains("runner site-b, run slot-2026-12-03T02:00Z", page, StringComparison.Ordinal);
            Assert.Contains("<td data-label=\"Runner\">site-a</td>", page, StringComparison.Ordinal);
        }
    }
}
