using IloBackup.Engine.Fleet;
using IloBackup.Engine.Inventory;

namespace IloBackup.Engine.Tests.Fleet;

/// <summary>
/// Issue 15, safety 9: cancelling a fleet run as a whole ends every started host's work, then throws
/// <see cref="FleetRunInterruptedException"/> (still an <see cref="OperationCanceledException"/>) with the
/// partial report: the hosts done, those cut short while running, and those never started.
/// </summary>
public sealed class InterruptedFleetRunnerTests
{
    [Fact]
    public async Task Cancelling_the_run_reports_what_was_done_cut_short_and_not_started()
    {
        var hosts = Enumerable.Range(1, 6).Select(i => new InventoryHost($"ilo{i}", new Uri($"https://ilo{i}/"), null, null, null, null, [], i)).ToList();
        using var cancel = new CancellationTokenSource();
        var hanging = 0;
        var ended = 0;
        var runner = new FleetRunner(new FleetRunnerOptions { Concurrency = 2, MaxRetries = 0, RetryDelay = TimeSpan.Zero, HostDeadline = TimeSpan.FromMinutes(5) });

        var run = runner.RunAsync(
            hosts,
            async (host, ct) =>
            {
                if (host.Line <= 2)
                {
                    return new HostResult();
                }

                // Hosts 3 and 4 hang until the run is cancelled, then clean up (as a session logout does).
                if (Interlocked.Increment(ref hanging) == 2)
                {
                    await cancel.CancelAsync();
                }

                try
                {
                    await Task.Delay(Timeout.Infinite, ct);
                    return new HostResult();
                }
                finally
                {
                    Interlocked.Increment(ref ended);
                }
            },
            null,
            null,
            cancel.Token);

        var interrupted = await Assert.ThrowsAsync<FleetRunInterruptedException>(() => run);
        var report = interrupted.Report;
        Assert.True(report.WasInterrupted);
        Assert.Equal(["ilo1", "ilo2"], report.Outcomes.Select(o => o.Host.Address));
        Assert.Equal(["ilo3", "ilo4"], report.CutShort.Select(h => h.Address));
        Assert.Equal(["ilo5", "ilo6"], report.NotStarted.Select(h => h.Address));
        Assert.Equal(6, report.Total);
        Assert.Equal("2/6 done, 2 interrupted while running, 2 not started", report.Interruption);
        Assert.Equal(130, report.ExitCode);
        Assert.Equal(2, Volatile.Read(ref ended)); // the cut hosts' work ended before the report
        Assert.IsAssignableFrom<OperationCanceledException>(interrupted);
    }
}
