namespace IloBackup.Engine.Fleet;

/// <summary>Who ran a fleet backup on a shared catalog and what its leases cost (issue 20).</summary>
public sealed record RunnerSummary(string Runner, string RunId, int LeasesTaken, int TakenByOthers, int TakenOver, TimeSpan LeaseWait);
