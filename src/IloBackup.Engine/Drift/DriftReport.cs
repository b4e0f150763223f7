namespace IloBackup.Engine.Drift;

/// <summary>Every server against its baselines, by key.</summary>
public sealed record DriftReport
{
    /// <summary>The baseline file (as given).</summary>
    public required string Source { get; init; }
    public IReadOnlyList<ServerDrift> Servers { get; init; } = [];

    public int Drifted => Servers.Count(s => s.Status == DriftStatus.Drifted);

    /// <summary>Servers a baseline applies to that could not be checked (no good backup, no snapshot).</summary>
    public int Unchecked => Servers.Count(s => s.Status is DriftStatus.NoGoodBackup or DriftStatus.NoSnapshot);

    public bool HasFindings => Servers.Any(s => s.IsFinding);

    public ServerDrift? Find(string key) => Servers.FirstOrDefault(s => string.Equals(s.Key, key, StringComparison.Ordinal));
}
