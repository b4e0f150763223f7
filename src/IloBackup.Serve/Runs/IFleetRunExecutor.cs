using IloBackup.Engine.Fleet;

namespace IloBackup.Serve.Runs;

/// <summary>Does the work of one run (production: <see cref="RepositoryFleetRun"/>).</summary>
public interface IFleetRunExecutor
{
    Task<FleetReport> RunAsync(IProgress<FleetProgress> progress, CancellationToken cancellationToken);
}
