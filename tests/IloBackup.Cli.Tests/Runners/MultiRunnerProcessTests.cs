using IloBackup.TestSupport.S3;

namespace IloBackup.Cli.Tests.Runners;

/// <summary>
/// Issue 20: two and three <c>ilobackup fleet backup</c> processes with overlapping inventories, one PostgreSQL catalog and
/// one S3 store, in one run: every iLO is backed up exactly once; those a runner did not back up are "taken" by another.
/// </summary>
[Trait("Category", "Runners")]
public sealed class MultiRunnerProcessTests(S3rver s3) : IClassFixture<S3rver>
{
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(3);

    [SharedSiteFact]
    public async Task Two_runners_with_overlapping_inventories_back_each_ilo_up_once_per_run()
    {
        await using var site = await SharedSite.StartAsync(s3, 8, TimeSpan.FromMilliseconds(200));
        await RunAsync(site, "R1", ("A", [0, 1, 2, 3, 4, 5]), ("B", [2, 3, 4, 5, 6, 7]));
        await RunAsync(site, "R2", ("A", [0, 1, 2, 3, 4, 5]), ("B", [2, 3, 4, 5, 6, 7])); // the next run is a run of its own
    }

    [SharedSiteFact]
    public async Task Three_runners_with_overlapping_inventories_back_each_ilo_up_once_per_run()
    {
        await using var site = await SharedSite.StartAsync(s3, 8, TimeSpan.FromMilliseconds(200));
        await RunAsync(site, "R1", ("A", [0, 1, 2, 3, 4, 5]), ("B", [2, 3, 4, 5, 6, 7]), ("C", [0, 1, 4, 5, 6, 7]));
    }

    private static async Task RunAsync(SharedSite site, string run, params (string Name, int[] Ilos)[] runners)
    {
        var children = runners.Select(r => site.Runner(r.Name, run, r.Ilos, "--concurrency", "3")).ToArray();
        try
        {
            var codes = await Task.WhenAll(children.Select(c => c.WaitForExitAsync(Budget)));
            for (var k = 0; k < children.Length; k++)
            {
                Assert.True(codes[k] == ExitCodes.Ok, children[k].Output);
            }

            var rows = await site.RowsPerSerialAsync(run);
            var all = runners.SelectMany(r => r.Ilos).Distinct().Select(i => site.Serial(i).ToUpperInvariant()).Order().ToArray();
            Assert.Equal(all, rows.Keys.Order());
            Assert.All(rows.Values, r => Assert.Equal(1, r.Rows));

            // Each runner's report: what it backed up plus what others took is its whole list, and the runner it names took the row.
            var reports = children.Select(SharedSite.Report).ToArray();
            var backedUp = 0;
            for (var k = 0; k < runners.Length; k++)
            {
                var hosts = reports[k]["hosts"]!.AsArray();
                Assert.Equal(runners[k].Ilos.Length, hosts.Count);
                foreach (var host in hosts)
                {
                    var serial = ((string)host!["serialNumber"]!).ToUpperInvariant();
                    var status = (string)host["status"]!;
                    Assert.True(status is "succeeded" or "taken", host.ToJsonString());
                    Assert.Equal(status == "succeeded" ? runners[k].Name : rows[serial].Runners, (string?)host["runner"]);
                    backedUp += status == "succeeded" ? 1 : 0;
                }

                Assert.Equal(runners[k].Name, (string?)reports[k]["runner"]!["name"]);
            }

            Assert.Equal(all.Length, backedUp);
        }
        finally
        {
            foreach (var child in children)
            {
                child.Dispose();
            }
        }
    }
}
