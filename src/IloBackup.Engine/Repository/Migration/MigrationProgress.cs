namespace IloBackup.Engine.Repository.Migration;

/// <summary>Where a migration is: rows handled of all, and what it copied or found done so far.</summary>
public sealed record MigrationProgress(int RowsHandled, int RowsTotal, int ObjectsCopied, long BytesCopied, int SkippedAsDone);
