using IloBackup.Engine.Fleet;
using IloBackup.Engine.Inventory;
using IloBackup.Engine.Repository;
using IloBackup.Engine.Repository.Postgres;

namespace IloBackup.Serve.Runs;

/// <summary>
/// One fleet backup with the engine's <see cref="FleetBackupJob"/>: the inventory is read anew (edits take effect at the
/// next run) and the repository is opened for writing only for the run, so other verbs may write between runs.
/// With a <see cref="ServeRunnerIdentity"/> each row names the runner and the run; on a PostgreSQL catalog the run takes
/// leases like <c>fleet backup --run-id</c>, so runners on one schedule back each server up once per slot (issue 20).
/// </summary>
public sealed class RepositoryFleetRun(
    string repositoryDirectory,
    Func<CancellationToken, Task<FleetInventory>> loadInventory,
    IIloConnector connector,
    FleetRunnerOptions runnerOptions,
    TimeProvider timeProvider,
    ServeRunnerIdentity? runner = null) : IFleetRunExecutor
{
    public Task<FleetReport> RunAsync(IProgress<FleetProgress> progress, CancellationToken cancellationToken) =>
        RunAsync(new FleetRunRequest("once", null, timeProvider.GetUtcNow()), progress, cancellationToken);

    public async Task<FleetReport> RunAsync(FleetRunRequest request, IProgress<FleetProgress> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var inventory = await loadInventory(cancellationToken).ConfigureAwait(false);
        var repository = await BackupRepository.OpenAsync(
            repositoryDirectory,
            new BackupRepositoryOptions { TimeProvider = timeProvider, Runner = runner?.Name, SharedWriter = runner is not null },
            cancellationToken).ConfigureAwait(false);
        await using (repository.ConfigureAwait(false))
        {
            var options = new FleetBackupOptions();
            if (runner is not null)
            {
                var runId = request.RunId(runner.Name);
                options = new FleetBackupOptions
                {
                    RunId = runId,
                    Runner = runner.Name,
                    Leases = PostgresLeases.For(repository, runId, runner.Name, runner.Lease, runner.ScheduleInterval),
                    LeaseWait = runner.LeaseWait ?? runnerOptions.HostDeadline + runner.Lease,
                };
            }

            if (runner is not null)
            {
                await RunnerBeacon.BeatAsync(repository, runner, options.RunId, timeProvider, cancellationToken).ConfigureAwait(false);
            }

            var job = new FleetBackupJob(repository, connector, new FleetRunner(runnerOptions), options);
            var report = await job.RunAsync(inventory.Hosts, progress, cancellationToken).ConfigureAwait(false);
            if (runner is not null)
            {
                await RunnerBeacon.BeatAsync(repository, runner, null, timeProvider, cancellationToken).ConfigureAwait(false);
            }

            return report;
        }
    }
}
