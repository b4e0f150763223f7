using IloBackup.TestSupport;
using IloBackup.TestSupport.S3;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Cli.Tests.Runners;

/// <summary>
/// Issue 20 with <c>serve --once</c>: two real serve processes started together, overlapping inventories, one PostgreSQL
/// catalog and one s3rver bucket. On one schedule they name the same run (its newest slot) and back each iLO up once, the
/// other reporting it taken; one killed mid-run loses its servers to the other once its leases expire, and a runner that
/// does not wait (<c>--lease-wait 0</c>) reports them not backed up. No row is ever left without its object.
/// </summary>
[Trait("Category", "Runners")]
public sealed class ServeRunnerProcessTests(S3rver s3) : IClassFixture<S3rver>
{
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(3);

    [SharedSiteFact]
    public async Task Two_serve_processes_on_one_schedule_name_the_same_slot_and_back_each_ilo_up_once()
    {
        await using var site = await SharedSite.StartAsync(s3, 8, TimeSpan.FromMilliseconds(200));
        int[] ofA = [0, 1, 2, 3, 4, 5], ofB = [2, 3, 4, 5, 6, 7];

        // A yearly schedule: its newest slot (1 January) is the same for both, however the two start.
        using var a = site.Serve("A", ofA, "--schedule", "0 0 1 1 *", "--concurrency", "3");
        using var b = site.Serve("B", ofB, "--schedule", "0 0 1 1 *", "--concurrency", "3");
        var codes = await Task.WhenAll(a.WaitForExitAsync(Budget), b.WaitForExitAsync(Budget));
        Assert.True(codes[0] == ExitCodes.Ok, a.Output);
        Assert.True(codes[1] == ExitCodes.Ok, b.Output); // servers the other runner backed up are not failures

        var run = Assert.Single(await site.RunIdsAsync());
        Assert.Matches(@"^slot-\d{4}-01-01T00:00Z$", run);
        var rows = await site.RowsPerSerialAsync(run);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => site.Serial(i).ToUpperInvariant()).Order(), rows.Keys.Order());
        Assert.All(rows.Values, r => Assert.Equal(1, r.Rows));
        Assert.Equal(("A", "A", "B", "B"), (rows[Upper(site, 0)].Runners, rows[Upper(site, 1)].Runners, rows[Upper(site, 6)].Runners, rows[Upper(site, 7)].Runners));

        var backedUp = 0;
        foreach (var (serve, name, ilos) in new[] { (a, "A", ofA), (b, "B", ofB) })
        {
            var hosts = ServeRunners.Hosts(serve);
            Assert.Equal(ilos.Select(i => Upper(site, i)).Order(), hosts.Keys.Order());
            foreach (var (serial, (status, backup, note)) in hosts)
            {
                Assert.True(status is "succeeded" or "taken", serve.Output);
                var taker = rows[serial].Runners; // the row names who took it
                if (status == "succeeded")
                {
                    Assert.Equal(name, taker);
                }
                else
                {
                    Assert.NotEqual(name, taker);
                    Assert.Equal($"backed up by runner {taker} (backup {backup})", note);
                }

                backedUp += status == "succeeded" ? 1 : 0;
            }

            Assert.Contains($"runner {name}, run {run}: {hosts.Values.Count(h => h.Status == "taken")} taken by other runners", serve.Output, StringComparison.Ordinal);
        }

        Assert.Equal(8, backedUp);
    }

    [SharedSiteFact]
    public async Task A_serve_killed_mid_run_loses_its_servers_to_the_other_after_its_leases_expire()
    {
        const string Run = "nightly-1";
        await using var site = await SharedSite.StartAsync(s3, 6);
        var hang = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hanging = 0;
        site.Emulated.Fleet.Overrides.Add(
            (context, ilo) => ilo.Index is 0 or 1 && !hang.Task.IsCompleted && HttpMethods.IsGet(context.Request.Method)
                && context.Request.Path.Value?.TrimEnd('/').EndsWith("/BackupRestoreService", StringComparison.OrdinalIgnoreCase) == true,
            async (context, _, _) =>
            {
                Interlocked.Increment(ref hanging);
                await Task.WhenAny(hang.Task, Task.Delay(Timeout.Infinite, context.RequestAborted));
            });

        using var a = site.Serve("A", [0, 1, 2, 3], "--run-id", Run, "--lease", "10s", "--concurrency", "4");
        // The point reached: A holds the leases of iLOs 0 and 1 (hanging) and has recorded 2 and 3.
        await Polling.UntilAsync(
            () => a.HasExited || (Volatile.Read(ref hanging) == 2 && site.RowsPerSerialAsync(Run).GetAwaiter().GetResult().Count == 2),
            "serve A hanging on two iLOs with two recorded",
            90_000);
        Assert.False(a.HasExited, a.Output);

        // A runner that does not wait reports A's two as not backed up (exit 3: some failed) and writes no row for them.
        using (var c = site.Serve("C", [0, 1, 2, 3], "--run-id", Run, "--lease-wait", "0"))
        {
            Assert.True(await c.WaitForExitAsync(Budget) == 3, c.Output);
            var hosts = ServeRunners.Hosts(c);
            Assert.All([0, 1], i => Assert.StartsWith("not backed up: runner A did not finish", hosts[Upper(site, i)].Note, StringComparison.Ordinal));
            Assert.All([2, 3], i => Assert.StartsWith("backed up by runner A (backup ", hosts[Upper(site, i)].Note, StringComparison.Ordinal));
        }

        // B lists A's four and two of its own: it backs up its own, waits for A's leases, and A dies meanwhile.
        using var b = site.Serve("B", [0, 1, 2, 3, 4, 5], "--run-id", Run, "--lease", "10s", "--concurrency", "2");
        await Polling.UntilAsync(
            () => b.HasExited || site.RowsPerSerialAsync(Run).GetAwaiter().GetResult().Count == 4,
            "serve B to record its own two",
            90_000);
        Assert.False(b.HasExited, b.Output);
        a.KillHard();
        await a.WaitForExitAsync(Budget);
        hang.SetResult();

        Assert.True(await b.WaitForExitAsync(Budget) == ExitCodes.Ok, b.Output);
        var outcome = ServeRunners.Hosts(b);
        Assert.All([0, 1, 4, 5], i => Assert.Equal("succeeded", outcome[Upper(site, i)].Status));
        Assert.All([2, 3], i => Assert.Equal("taken", outcome[Upper(site, i)].Status));
        var rows = await site.RowsPerSerialAsync(Run);
        Assert.Equal(
            new[] { (0, "B"), (1, "B"), (2, "A"), (3, "A"), (4, "B"), (5, "B") }.Select(x => (Upper(site, x.Item1), 1, x.Item2)).Order(),
            rows.Select(r => (r.Key, r.Value.Rows, r.Value.Runners)).Order());
        Assert.Equal(0, await site.RunningLeasesAsync(Run));

        using var verify = Crash.ChildCli.Start(null, "verify", "--repo", site.Descriptor);
        Assert.True(await verify.WaitForExitAsync(Budget) == ExitCodes.Ok, verify.Output); // every row's object is in the store
    }

    private static string Upper(SharedSite site, int i) => site.Serial(i).ToUpperInvariant();
}
