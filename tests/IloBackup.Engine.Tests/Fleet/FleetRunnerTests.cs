using IloBackup.Engine.Identity;
using System.Collections.Concurrent;
using System.Net;
using IloBackup.Engine.Fleet;
using IloBackup.Engine.Inventory;
using Microsoft.Extensions.Time.Testing;

namespace IloBackup.Engine.Tests.Fleet;

public sealed class FleetRunnerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private static List<InventoryHost> Hosts(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new InventoryHost(
            $"ilo{i}", new Uri($"https://ilo{i}/"), null, null, null, null, [], i))];

    private static FleetRunner Runner(int concurrency = 4, TimeProvider? time = null, TimeSpan? deadline = null) =>
        new(new FleetRunnerOptions
        {
            Concurrency = concurrency,
            MaxRetries = 2,
            RetryDelay = TimeSpan.Zero,
            HostDeadline = deadline ?? TimeSpan.FromMinutes(1),
            TimeProvider = time ?? TimeProvider.System,
        });

    [Fact]
    public async Task Concurrency_is_bounded_and_outcomes_keep_inventory_order()
    {
        var hosts = Hosts(12);
        var running = 0;
        var max = 0;
        var full = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var report = await Runner(concurrency: 3).RunAsync(
            hosts,
            async (host, ct) =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref max, now);
                if (now == 3)
                {
                    full.TrySetResult();
                }

                await full.Task.WaitAsync(Bound, ct);
                await Task.Yield();
                Interlocked.Decrement(ref running);
                return new HostResult { Identity = IloIdentity.OfSerial("S" + host.Address) };
            },
            null,
            null,
            CancellationToken.None);

        Assert.Equal(3, max);
        Assert.Equal(hosts.Select(h => "S" + h.Address), report.Outcomes.Select(o => o.Result!.Identity.SerialNumber));
        Assert.Equal(12, report.Succeeded);
        Assert.Equal(0, report.ExitCode);
    }

    [Fact]
    public async Task Failures_stay_with_their_host_and_only_transient_ones_are_retried()
    {
        var attempts = new ConcurrentDictionary<string, int>();
        var report = await Runner().RunAsync(
            Hosts(4),
            (host, _) =>
            {
                var n = attempts.AddOrUpdate(host.Address, 1, (_, v) => v + 1);
                return host.Address switch
                {
                    "ilo1" => throw new InvalidOperationException("login refused: wrong user name or password"),
                    "ilo2" when n < 3 => throw new HttpRequestException("connection refused"),
                    "ilo3" => throw new HttpRequestException("service unavailable", null, HttpStatusCode.ServiceUnavailable),
                    _ => Task.FromResult(new HostResult()),
                };
            },
            null,
            null,
            CancellationToken.None);

        Assert.Equal(1, attempts["ilo1"]);
        Assert.Equal(3, attempts["ilo2"]);
        Assert.Equal(3, attempts["ilo3"]);
        Assert.Equal(1, attempts["ilo4"]);
        Assert.Equal([HostStatus.Failed, HostStatus.Succeeded, HostStatus.Failed, HostStatus.Succeeded], report.Outcomes.Select(o => o.Status));
        Assert.Equal("login refused: wrong user name or password", report.Outcomes[0].Reason);
        Assert.Equal("service unavailable (after 3 attempts)", report.Outcomes[2].Reason);
        Assert.Equal(3, report.Outcomes[1].Attempts);
        Assert.Equal(3, report.ExitCode);
    }

    [Fact]
    public async Task A_hanging_ilo_fails_at_its_deadline_and_the_others_complete()
    {
        var time = new FakeTimeProvider();
        var hanging = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = Runner(time: time, deadline: TimeSpan.FromSeconds(30)).RunAsync(
            Hosts(3),
            async (host, ct) =>
            {
                if (host.Address == "ilo2")
                {
                    hanging.TrySetResult();
                    await Task.Delay(Timeout.InfiniteTimeSpan, time, ct);
                }

                return new HostResult();
            },
            null,
            null,
            CancellationToken.None);

        await hanging.Task.WaitAsync(Bound);
        time.Advance(TimeSpan.FromSeconds(31));
        var report = await run.WaitAsync(Bound);

        Assert.Equal([HostStatus.Succeeded, HostStatus.Failed, HostStatus.Succeeded], report.Outcomes.Select(o => o.Status));
        Assert.Equal("no result within the deadline of 30 s", report.Outcomes[1].Reason);
    }

    [Fact]
    public async Task When_none_succeed_the_exit_code_is_1()
    {
        var report = await Runner().RunAsync(
            Hosts(2), (_, _) => throw new UnauthorizedAccessException("no"), null, null, CancellationToken.None);
        Assert.Equal(1, report.ExitCode);
        Assert.Equal(2, report.Failed);
    }

    [Fact]
    public async Task Cancelling_the_run_stops_it()
    {
        using var cts = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Runner().RunAsync(
            Hosts(5),
            async (_, ct) =>
            {
                await cts.CancelAsync();
                ct.ThrowIfCancellationRequested();
                return new HostResult();
            },
            null,
            null,
            cts.Token));
    }

    [Fact]
    public async Task Every_host_is_completed_once_and_progress_ends_with_the_totals()
    {
        var completed = new ConcurrentBag<string>();
        var events = new ConcurrentQueue<FleetProgress>();
        var report = await Runner().RunAsync(
            Hosts(6),
            (host, _) => host.Address == "ilo3"
                ? throw new InvalidOperationException("refused")
                : Task.FromResult(new HostResult { Status = host.Address == "ilo4" ? HostStatus.Skipped : HostStatus.Succeeded }),
            (outcome, _) =>
            {
                completed.Add(outcome.Host.Address);
                return outcome.Host.Address == "ilo5" ? throw new IOException("disk full") : Task.CompletedTask;
            },
            new SynchronousProgress(events.Enqueue),
            CancellationToken.None);

        Assert.Equal(6, completed.Distinct().Count());
        Assert.Equal(6, completed.Count);
        Assert.Equal(HostStatus.Failed, report.Outcomes[4].Status);
        Assert.Contains("not recorded: disk full", report.Outcomes[4].Reason, StringComparison.Ordinal);
        Assert.Equal(6, events.Count(e => e.Kind == FleetProgressKind.HostStarted));
        var last = events.Where(e => e.Kind == FleetProgressKind.HostCompleted).MaxBy(e => e.Completed)!;
        Assert.Equal((6, 6, 3, 1, 2, 0), (last.Total, last.Completed, last.Succeeded, last.Skipped, last.Failed, last.Running));
        Assert.Equal(1, report.Skipped);
        Assert.Equal(3, report.ExitCode);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private sealed class SynchronousProgress(Action<FleetProgress> report) : IProgress<FleetProgress>
    {
        public void Report(FleetProgress value) => report(value);
    }
}
