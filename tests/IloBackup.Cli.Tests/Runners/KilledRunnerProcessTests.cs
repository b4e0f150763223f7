using IloBackup.TestSupport;
using IloBackup.TestSupport.S3;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Cli.Tests.Runners;

/// <summary>
/// Issue 20: a runner killed (SIGKILL) in the middle of a run, while it holds the leases of two iLOs whose backups hang on
/// the emulator and has recorded two others. No row is left without its object (verify), another runner that lists the
/// iLOs takes the two over once the short leases expire, and the next run completes.
/// </summary>
[Trait("Category", "Crash")]
public sealed class KilledRunnerProcessTests(S3rver s3) : IClassFixture<S3rver>
{
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(3);

    [SharedSiteFact]
    public async Task A_killed_runners_ilos_are_taken_over_after_its_leases_expire_and_the_next_run_completes()
    {
        await using var site = await SharedSite.StartAsync(s3, 4);
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

        using (var a = site.Runner("A", "R1", [0, 1, 2, 3], "--concurrency", "4", "--lease", "3s"))
        {
            // The point reached: A holds the leases of iLOs 0 and 1 (hanging) and has recorded 2 and 3.
            await Polling.UntilAsync(
                () => a.HasExited || (Volatile.Read(ref hanging) == 2 && site.RowsPerSerialAsync("R1").GetAwaiter().GetResult().Count == 2),
                "runner A hanging on two iLOs with two recorded",
                90_000);
            Assert.False(a.HasExited, a.Output);
            a.KillHard();
            await a.WaitForExitAsync(Budget);
        }

        hang.SetResult();
        using (var b = site.Runner("B", "R1", [0, 1, 2, 3], "--lease", "3s"))
        {
            Assert.True(await b.WaitForExitAsync(Budget) == ExitCodes.Ok, b.Output);
            var hosts = SharedSite.Report(b)["hosts"]!.AsArray().ToDictionary(h => ((string)h!["serialNumber"]!).ToUpperInvariant(), h => h!);
            Assert.Equal(("succeeded", "B"), ((string)hosts[site.Serial(0).ToUpperInvariant()]["status"]!, (string?)hosts[site.Serial(0).ToUpperInvariant()]["runner"]));
            Assert.Equal(("taken", "A"), ((string)hosts[site.Serial(2).ToUpperInvariant()]["status"]!, (string?)hosts[site.Serial(2).ToUpperInvariant()]["runner"]));
            Assert.Equal(2, (int)SharedSite.Report(b)["runner"]!["takenOver"]!);
        }

        var rows = await site.RowsPerSerialAsync("R1");
        Assert.Equal(
            new[] { (0, "B"), (1, "B"), (2, "A"), (3, "A") }.Select(x => (site.Serial(x.Item1).ToUpperInvariant(), 1, x.Item2)).Order(),
            rows.Select(r => (r.Key, r.Value.Rows, r.Value.Runners)).Order());

        using (var verify = Crash.ChildCli.Start(null, "verify", "--repo", site.Descriptor))
        {
            Assert.True(await verify.WaitForExitAsync(Budget) == ExitCodes.Ok, verify.Output); // every row's object is in the store
        }

        using var next = site.Runner("A", "R2", [0, 1, 2, 3], "--lease", "3s");
        Assert.True(await next.WaitForExitAsync(Budget) == ExitCodes.Ok, next.Output);
        Assert.Equal(4, (await site.RowsPerSerialAsync("R2")).Count);
    }
}
