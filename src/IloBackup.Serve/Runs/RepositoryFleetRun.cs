using IloBackup.Engine.Fleet;
using IloBackup.Engine.Inventory;
using IloBackup.Engine.Repository;

namespace IloBackup.Serve.Runs;

/// <summary>
/// One fleet backup with the engine's <see cref="FleetBackupJob"/>: the inventory is read anew (edits take effect at the
/// next run) and the repository is opened for writing only for the run, so other verbs may write between runs.
/// </summary>
public sealed class RepositoryFleetRun(
    string repositoryDirectory,
    Func<CancellationToken, Task<FleetInventory>> loadInventory,
    IIloConnector connector,
    FleetRunnerOptions runnerOptions,
    TimeProvider timeProvider) : IFleetRunExecutor
{
    public async Task<FleetReport> RunAsync(IProgress<FleetProgress> progress, CancellationToken cancellationToken)
    {
        var inventory = await loadInventory(cancellationToken).ConfigureAwait(false);
        var repository = await BackupRepository.OpenAsync(
            repositoryDirectory, new BackupRepositoryOptions { TimeProvider = timeProvider }, cancellationToken).ConfigureAwait(false);
        await using (repository.ConfigureAwait(false))
        {
            var job = new FleetBackupJob(repository, connector, new FleetRunner(runnerOptions), new FleetBackupOptions());
            return await job.RunAsync(inventory.Hosts, progress, cancellationToken).ConfigureAwait(false);
        }
    }
}
