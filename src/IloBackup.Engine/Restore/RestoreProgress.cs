namespace IloBackup.Engine.Restore;

/// <summary>Progress of a restore: stage, time since the upload began, bytes uploaded.</summary>
public sealed record RestoreProgress(RestoreStage Stage, TimeSpan Elapsed, long BytesUploaded = 0);
