namespace IloBackup.Engine.Repository.Migration;

/// <summary>How <see cref="RepositoryMigration"/> runs: the clock, whom it tells of its progress, and a hook for tests.</summary>
public sealed record MigrationOptions
{
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Hears after each source row (copied or found done), in id order.</summary>
    public Action<MigrationProgress>? Progress { get; init; }

    /// <summary>Runs after each row is written into the target (tests: stop the migration at a chosen row).</summary>
    public Func<BackupEntry, CancellationToken, Task>? AfterRowCopied { get; init; }
}
