namespace IloBackup.Engine.Repository;

/// <summary>One damaged or missing object and the catalog entries that refer to it.</summary>
public sealed record VerifyProblem(string Sha256, IReadOnlyList<long> EntryIds, string? ActualSha256);
