namespace IloBackup.Emulator.Ilo;

/// <summary>A file in an iLO's NAND.</summary>
public sealed record NandFile(string Name, long Size, DateTimeOffset Modified);
