namespace IloBackup.Engine.Repository;

/// <summary>A backup newer than the one chosen for a restore, passed over because it is not good, and why.</summary>
public sealed record SkippedBackup(BackupEntry Entry, GoodBackupVerdict Verdict)
{
    public string Reason => GoodBackup.Describe(Entry, Verdict);

    public override string ToString() => $"backup {Entry.Id}: {Reason}";
}
