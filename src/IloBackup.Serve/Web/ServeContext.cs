using IloBackup.Serve.Access;
using IloBackup.Serve.Fleet;
using IloBackup.Serve.Reading;
using IloBackup.Serve.Runs;

namespace IloBackup.Serve.Web;

/// <summary>What the web side of the service reads and drives.</summary>
public sealed class ServeContext
{
    public required string RepositoryDirectory { get; init; }
    public required FleetRunCoordinator Runs { get; init; }
    public required FleetStateCache Fleet { get; init; }

    /// <summary>The one read-only repository pages read through (default: the fleet state's).</summary>
    public RepositoryReader Reader
    {
        get => field ?? Fleet.Reader;
        init;
    }
    public required AccessControl Access { get; init; }
    public required TimeProvider Time { get; init; }

    /// <summary>The next planned run (from the schedule loop), if any.</summary>
    public Func<DateTimeOffset?> NextRun { get; init; } = () => null;

    /// <summary>This runner's heartbeats and the list of every runner (<c>/runners</c>); null: a page saying the catalog keeps none.</summary>
    public RunnerBeacon? Runners { get; init; }

    /// <summary>Ends with the service: runs started from the page are cancelled by it.</summary>
    public CancellationToken Stopping { get; init; }
}
