using IloBackup.Engine.Repository;

namespace IloBackup.Engine.Drift;

/// <summary>One server against its baselines (keyed as the dashboard keys servers: serial, else <c>host:ADDRESS</c>).</summary>
public sealed record ServerDrift
{
    public required string Key { get; init; }
    public string? Serial { get; init; }
    public required string Host { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The names of the baselines that apply (<c>default</c>, <c>tag prod</c>).</summary>
    public IReadOnlyList<string> Baselines { get; init; } = [];

    /// <summary>The newest good backup, which was checked; null when there is none.</summary>
    public BackupEntry? Backup { get; init; }

    public required DriftStatus Status { get; init; }
    public IReadOnlyList<DriftDeviation> Deviations { get; init; } = [];

    /// <summary>True when a baseline applies but the server drifted or could not be checked (drift's exit 4).</summary>
    public bool IsFinding => Status is DriftStatus.Drifted or DriftStatus.NoGoodBackup or DriftStatus.NoSnapshot;
}
