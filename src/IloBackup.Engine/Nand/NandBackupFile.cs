namespace IloBackup.Engine.Nand;

/// <summary>A backup kept on the iLO's own NAND (a member of <c>BackupFiles</c>, §3).</summary>
public sealed record NandBackupFile(string Id, string Path, string? Created, long? FileSize, string? FirmwareVersion, string? RestoreTarget);
