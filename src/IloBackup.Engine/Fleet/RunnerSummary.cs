namespace IloBackup.Engine.Fleet;

/// <summary>Who ran a fleet backup, in which run, and what its leases cost (issue 20; zeros without leases).</summary>
public sealed record RunnerSummary(string Runner, string? RunId, int LeasesTaken, int TakenByOthers, int TakenOver, TimeSpan LeaseWait);
