namespace IloBackup.Engine.Fleet;

/// <summary>
/// Who ran a fleet backup, in which run, and what its leases cost (issue 20; zeros without leases). <see cref="TakenOver"/>: leases
/// taken over after another runner let them expire, in the list or in the wait after it.
/// </summary>
public sealed record RunnerSummary(string Runner, string? RunId, int LeasesTaken, int TakenByOthers, int TakenOver, TimeSpan LeaseWait);
