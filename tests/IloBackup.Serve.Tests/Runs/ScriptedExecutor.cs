using IloBackup.Engine.Fleet;
using IloBackup.Engine.Inventory;
using IloBackup.Serve.Runs;

namespace IloBackup.Serve.Tests.Runs;

/// <summary>
/// A run whose end the test decides: each run waits until the test releases it, and reports the hosts it was given
/// as succeeded (the scheduler's tests are about when runs start, not about iLOs).
/// </summary>
internal sealed class ScriptedExecutor(TimeProvider time) : IFleetRunExecutor
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource<int> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Runs { get; private set; }
    public List<DateTimeOffset> StartTimes { get; } = [];
    public bool HoldRuns { get; set; }

    public Task<int> NextStart
    {
        get
        {
            lock (_lock)
            {
                return _started.Task;
            }
        }
    }

    public void Release()
    {
        lock (_lock)
        {
            _release.TrySetResult();
            _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public async Task<FleetReport> RunAsync(IProgress<FleetProgress> progress, CancellationToken cancellationToken)
    {
        Task release;
        lock (_lock)
        {
            Runs++;
            StartTimes.Add(time.GetUtcNow());
            release = _release.Task;
            var started = _started;
            _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
            started.TrySetResult(Runs);
        }

        if (HoldRuns)
        {
            await release.WaitAsync(cancellationToken);
        }

        var host = new InventoryHost("ilo1.example", new Uri("https://ilo1.example"), "SERIAL1", null, null, null, ["rack1"], 1);
        var outcome = new HostOutcome { Host = host, Status = HostStatus.Succeeded, Attempts = 1, Result = new HostResult { BackupId = Runs } };
        progress.Report(new FleetProgress
        {
            Kind = FleetProgressKind.HostCompleted, Host = host.Address, Total = 1, Completed = 1, Succeeded = 1, Skipped = 0, Failed = 0, Running = 0,
            Elapsed = TimeSpan.FromSeconds(1), Outcome = outcome,
        });
        return new FleetReport([outcome], time.GetUtcNow(), TimeSpan.FromSeconds(1));
    }
}
