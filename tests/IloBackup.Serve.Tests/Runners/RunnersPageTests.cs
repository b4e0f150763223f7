using System.Net;
using IloBackup.Serve.Runs;
using IloBackup.TestSupport.Postgres;
using Microsoft.Extensions.Time.Testing;

namespace IloBackup.Serve.Tests.Runners;

/// <summary>
/// <c>/runners</c> over a PostgreSQL repository shared by two serve runners (issue 20): each one's host, last heartbeat
/// and current run; a runner silent for more than twice its schedule interval is flagged, on the fake clock.
/// </summary>
public sealed class RunnersPageTests : INeedsPostgres
{
    private static readonly DateTimeOffset Slot = new(2026, 12, 3, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Hourly = TimeSpan.FromHours(1);

    [CatalogFact]
    public async Task The_runners_page_lists_each_runner_and_flags_the_one_that_went_silent()
    {
        await using var site = await ServeRunnerTestSite.StartAsync(ilos: 2);
        var time = new FakeTimeProvider(Slot);
        var a = site.Runner("site-a", time, Hourly);
        var b = new RunnerBeacon(site.Repository, new ServeRunnerIdentity("site-b") { ScheduleInterval = Hourly }, time);
        Assert.Equal(2, (await a.TryStart("schedule", Slot, default)!).Succeeded); // beats at its start and end
        Assert.True(await b.BeatAsync("slot-2026-12-03T02:00Z", default));

        var (app, client) = await site.WebAsync(a, b, time);
        await using (app)
        {
            var page = await GetAsync(client);
            Assert.Contains("2 runners · 0 silent", page, StringComparison.Ordinal);
            Assert.Contains(Environment.MachineName, page, StringComparison.Ordinal);
            Assert.Contains("site-b (this one)", page, StringComparison.Ordinal);
            Assert.Contains("<td data-label=\"Current run\">slot-2026-12-03T02:00Z</td>", page, StringComparison.Ordinal);
            Assert.DoesNotContain("badge failed", page, StringComparison.Ordinal);

            time.Advance(TimeSpan.FromMinutes(90));
            Assert.True(await b.BeatAsync(null, default));
            Assert.Contains("2 runners · 0 silent", await GetAsync(client), StringComparison.Ordinal); // 90 min: within twice the hour

            time.Advance(TimeSpan.FromMinutes(60));
            Assert.True(await b.BeatAsync(null, default));
            page = await GetAsync(client);
            Assert.Contains("2 runners · 1 silent", page, StringComparison.Ordinal);
            var rowA = page[page.IndexOf("data-runner=\"site-a\"", StringComparison.Ordinal)..];
            rowA = rowA[..rowA.IndexOf("</tr>", StringComparison.Ordinal)];
            Assert.Contains("silent", rowA, StringComparison.Ordinal);
            Assert.Contains("<td data-label=\"Current run\">—</td>", rowA, StringComparison.Ordinal);
            var rowB = page[page.IndexOf("data-runner=\"site-b\"", StringComparison.Ordinal)..];
            Assert.Contains("alive", rowB[..rowB.IndexOf("</tr>", StringComparison.Ordinal)], StringComparison.Ordinal);
        }
    }

    private static async Task<string> GetAsync(HttpClient client)
    {
        using var answer = await client.GetAsync(new Uri("/runners", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return await answer.Content.ReadAsStringAsync();
    }
}
