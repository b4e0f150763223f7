using IloBackup.Engine.Fleet;

namespace IloBackup.Serve.Runs;

/// <summary>Does the work of one run (production: <see cref="RepositoryFleetRun"/>).</summary>
public interface IFleetRunExecutor
{
    Task<FleetReport> RunAsync(IProgress<FleetProgress> progress, CancellationToken cancellationToken);

    /// <summary>The run of <paramref name="request"/> (its slot names the run on a shared catalog); by default as above.</summary>
    Task<FleetReport> RunAsync(FleetRunRequest request, IProgress<FleetProgress> progress, CancellationToken cancellationToken) =>
        RunAsync(progress, cancellationToken);
}
