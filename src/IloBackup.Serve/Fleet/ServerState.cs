using IloBackup.Engine.Drift;
using IloBackup.Engine.Repository;

namespace IloBackup.Serve.Fleet;

/// <summary>One server as the catalog knows it (keyed by serial number, else by the host of failed attempts).</summary>
public sealed record ServerState
{
    public required string Key { get; init; }
    public string? Serial { get; init; }
    public required string Host { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The newest good backup (succeeded, not suspect).</summary>
    public BackupEntry? LastGood { get; init; }

    /// <summary>The newest attempt of any outcome.</summary>
    public required BackupEntry LastAttempt { get; init; }

    /// <summary>The newest attempt failed: its reason is on the fleet page.</summary>
    public bool Failing => LastAttempt.Outcome == BackupOutcome.Failed;

    /// <summary>The newest successful backup is marked suspect (issue 15's flag in the catalog).</summary>
    public bool Suspect { get; init; }

    /// <summary>The newest good backup was taken on older firmware than the server has since been seen running.</summary>
    public bool Stale { get; init; }

    public int Attempts { get; init; }

    /// <summary>The server against its baselines (<c>serve --baseline</c>); null without baselines.</summary>
    public ServerDrift? Drift { get; init; }

    /// <summary>Its newest good backup differs from a baseline.</summary>
    public bool Drifted => Drift?.Status == DriftStatus.Drifted;
}
