namespace IloBackup.Engine.Repository;

/// <summary>The backup chosen for a restore and the newer ones passed over (<see cref="RepositoryRestoreSource.ChooseAsync"/>).</summary>
public sealed record RestoreChoice(BackupEntry Entry, IReadOnlyList<SkippedBackup> Skipped);
