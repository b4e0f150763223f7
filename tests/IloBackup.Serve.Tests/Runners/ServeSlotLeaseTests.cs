using IloBackup.Serve.Runs;
using IloBackup.TestSupport.Postgres;
using Microsoft.Extensions.Time.Testing;

namespace IloBackup.Serve.Tests.Runners;

/// <summary>
/// Two serve runners on one PostgreSQL catalog and one schedule (issue 20): a scheduled run takes the run id of its slot,
/// so the second runner's run of the same slot finds every server backed up by the first; a run by hand has a fresh id.
/// </summary>
public sealed class ServeSlotLeaseTests : INeedsPostgres
{
    private static readonly DateTimeOffset Slot = new(2026, 12, 3, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_scheduled_run_is_named_by_its_slot_in_UTC_and_a_run_by_hand_gets_a_fresh_id()
    {
        var planned = new DateTimeOffset(2026, 12, 3, 3, 0, 0, TimeSpan.FromHours(1));
        Assert.Equal("slot-2026-12-03T02:00Z", new FleetRunRequest("schedule", planned, planned).RunId("a"));
        var started = new DateTimeOffset(2026, 12, 3, 10, 15, 0, 123, TimeSpan.Zero);
        Assert.Equal("manual-a-20261203T101500123Z", new FleetRunRequest("user vera", null, started).RunId("a"));
        Assert.NotEqual(new FleetRunRequest("once", null, started).RunId("a"), new FleetRunRequest("once", null, started.AddMilliseconds(1)).RunId("a"));
    }

    [CatalogFact]
    public async Task Two_runners_on_the_same_slot_back_each_server_up_once_and_rows_name_the_runner_and_slot()
    {
        await using var site = await ServeRunnerTestSite.StartAsync(ilos: 3);
        var time = new FakeTimeProvider(Slot);
        var a = site.Runner("site-a", time);
        var b = site.Runner("site-b", time);

        var first = await a.TryStart("schedule", Slot, default)!;
        var second = await b.TryStart("schedule", Slot, default)!;

        Assert.Equal((3, 0), (first.Succeeded, first.Failed));
        Assert.Equal((0, 0), (second.Succeeded, second.Failed));
        var rows = await site.RowsAsync();
        Assert.Equal(3, rows.Count);
        Assert.Equal(3, rows.Select(r => r.Identity.SerialNumber).Distinct().Count());
        Assert.All(rows, r => Assert.Equal(("site-a", "slot-2026-12-03T02:00Z"), (r.Runner, r.RunId)));

        time.Advance(TimeSpan.FromMinutes(5));
        var manual = await b.TryStart("user vera", default)!;
        Assert.Equal(3, manual.Succeeded);
        var again = await site.RowsAsync();
        Assert.Equal(6, again.Count);
        Assert.All(again.Where(r => r.Runner == "site-b"), r => Assert.StartsWith("manual-site-b-", r.RunId, StringComparison.Ordinal));
    }
}
