using IloBackup.Engine.Fleet;

namespace IloBackup.Serve.Runs;

/// <summary>What happens during a run, for event sinks (metrics, and later notifications and drift checks).</summary>
public abstract record RunEvent(RunRecord Run);

/// <summary>A run started (its record holds the trigger and start time).</summary>
public sealed record RunStarted(RunRecord Run) : RunEvent(Run);

/// <summary>One iLO is done: <see cref="Outcome"/> is the engine's outcome, <see cref="Host"/> the row of the run page.</summary>
public sealed record HostCompleted(RunRecord Run, RunHost Host, HostOutcome Outcome) : RunEvent(Run);

/// <summary>The run ended (finished, possibly with failed iLOs, or failed as a whole: see <see cref="RunRecord.State"/>).</summary>
public sealed record RunFinished(RunRecord Run) : RunEvent(Run);
