namespace IloBackup.Engine.Repository;

/// <summary>A catalog shared by several runners keeps their heartbeats (PostgreSQL); the embedded SQLite catalog does not.</summary>
public interface IRunnerHeartbeats
{
    /// <summary>Records that <paramref name="runner"/> is alive now, working on <paramref name="currentRun"/> (null: idle).</summary>
    Task BeatAsync(string runner, string? currentRun, TimeSpan? interval, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Every runner's last heartbeat, by name.</summary>
    Task<IReadOnlyList<RunnerHeartbeat>> RunnersAsync(CancellationToken cancellationToken);
}
