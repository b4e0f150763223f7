using IloBackup.Engine.Repository;
using IloBackup.Serve.Reading;

namespace IloBackup.Serve.Runs;

/// <summary>
/// This runner's heartbeats in a shared catalog (issue 20, <see cref="IRunnerHeartbeats"/>: PostgreSQL) and the list of
/// every runner's for the dashboard. On a catalog that keeps none (SQLite: one machine) it does nothing and lists null.
/// A run beats at its start and end (<see cref="RepositoryFleetRun"/>) and with each lease renewal; between runs
/// <see cref="RunAsync"/> beats every <see cref="Period"/>. Through <paramref name="reader"/> (serve's one read-only repository) when
/// given, else opening the repository for each beat and list.
/// </summary>
public sealed class RunnerBeacon(string repositoryDirectory, ServeRunnerIdentity identity, TimeProvider timeProvider, RepositoryReader? reader = null)
{
    /// <summary>How often an idle runner beats.</summary>
    public TimeSpan Period { get; init; } = TimeSpan.FromMinutes(5);

    public ServeRunnerIdentity Identity => identity;

    /// <summary>Raised by <see cref="RunAsync"/> once the wait for the next beat is armed on the clock (tests then move their fake clock).</summary>
    public event Action? Waiting;

    /// <summary>Runners not heard from for this long are flagged when their heartbeat has no interval: twice serve's own.</summary>
    public TimeSpan? SilenceThreshold => identity.ScheduleInterval * 2;

    /// <summary>A repository folder has a SQLite catalog: only a repository file can name a shared one.</summary>
    private bool MayBeShared => File.Exists(repositoryDirectory);

    /// <summary>Records that this runner is alive, working on <paramref name="currentRun"/> (null: idle); false when the catalog keeps no heartbeats.</summary>
    public async Task<bool> BeatAsync(string? currentRun, CancellationToken cancellationToken)
    {
        if (reader is not null)
        {
            return await reader.ReadAsync(r => BeatAsync(r, identity, currentRun, timeProvider, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        var repository = await BackupRepository.OpenAsync(repositoryDirectory, new BackupRepositoryOptions { ReadOnly = true, TimeProvider = timeProvider }, cancellationToken)
            .ConfigureAwait(false);
        await using (repository.ConfigureAwait(false))
        {
            return await BeatAsync(repository, identity, currentRun, timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Every runner's last heartbeat, newest first; null when the catalog keeps none.</summary>
    public async Task<IReadOnlyList<RunnerHeartbeat>?> RunnersAsync(CancellationToken cancellationToken)
    {
        if (!MayBeShared)
        {
            return null;
        }

        if (reader is not null)
        {
            return await reader.ReadAsync(r => RunnersAsync(r, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        var repository = await BackupRepository.OpenAsync(repositoryDirectory, new BackupRepositoryOptions { ReadOnly = true, TimeProvider = timeProvider }, cancellationToken)
            .ConfigureAwait(false);
        await using (repository.ConfigureAwait(false))
        {
            return await RunnersAsync(repository, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<IReadOnlyList<RunnerHeartbeat>?> RunnersAsync(BackupRepository repository, CancellationToken cancellationToken) =>
        repository.Catalog is IRunnerHeartbeats beats
            ? [.. (await beats.RunnersAsync(cancellationToken).ConfigureAwait(false)).OrderByDescending(r => r.LastSeen)]
            : null;

    /// <summary>Beats every <see cref="Period"/> while no run is under way (a run beats through its leases), until cancelled.</summary>
    public async Task RunAsync(FleetRunCoordinator runs, Action<string>? onProblem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runs);
        while (MayBeShared && !cancellationToken.IsCancellationRequested)
        {
            if (runs.Current is null)
            {
                try
                {
                    if (!await BeatAsync(null, cancellationToken).ConfigureAwait(false))
                    {
                        return; // the catalog keeps no heartbeats
                    }
                }
                catch (Exception ex) when (ex is RepositoryException or IOException)
                {
                    onProblem?.Invoke(ex.Message);
                }
            }

            var delay = Task.Delay(Period, timeProvider, cancellationToken);
            Waiting?.Invoke();
            await delay.ConfigureAwait(false);
        }
    }

    internal static async Task<bool> BeatAsync(
        BackupRepository repository, ServeRunnerIdentity identity, string? currentRun, TimeProvider time, CancellationToken cancellationToken)
    {
        if (repository.Catalog is not IRunnerHeartbeats beats)
        {
            return false;
        }

        await beats.BeatAsync(identity.Name, currentRun, identity.ScheduleInterval, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return true;
    }
}
