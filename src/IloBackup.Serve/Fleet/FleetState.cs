using IloBackup.Engine.Drift;
using IloBackup.Engine.Repository;

namespace IloBackup.Serve.Fleet;

/// <summary>What the pages and the metrics show, recomputed from the catalog at start and after every run.</summary>
public sealed record FleetState
{
    public static FleetState Empty { get; } = new() { ComputedAt = DateTimeOffset.MinValue };

    public required DateTimeOffset ComputedAt { get; init; }
    public IReadOnlyList<ServerState> Servers { get; init; } = [];

    /// <summary>Catalog rows by outcome and failure kind (<see cref="FailureKind"/>).</summary>
    public IReadOnlyDictionary<(string Outcome, string Reason), long> Attempts { get; init; } = new Dictionary<(string, string), long>();

    /// <summary>The newest verify of the repository (every object re-hashed), if one ran.</summary>
    public VerifyReport? Verify { get; init; }

    /// <summary>Every server against its baselines (<c>serve --baseline</c>); null without a baseline file or when <see cref="DriftProblem"/> is set.</summary>
    public DriftReport? Drift { get; init; }

    /// <summary>Why the baselines could not be applied (a <c>same-as</c> backup that is gone), if they could not.</summary>
    public string? DriftProblem { get; init; }

    /// <summary>Why the catalog could not be read, if it could not.</summary>
    public string? Problem { get; init; }
}
