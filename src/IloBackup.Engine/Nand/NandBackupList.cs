namespace IloBackup.Engine.Nand;

/// <summary>The backups kept on the iLO, and how many it allows (1 on a real iLO 5).</summary>
public sealed record NandBackupList(int? Allowed, int Count, IReadOnlyList<NandBackupFile> Files);
