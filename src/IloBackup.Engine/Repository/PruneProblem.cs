namespace IloBackup.Engine.Repository;

/// <summary>
/// A server whose backups prune found not good (<see cref="GoodBackup"/>): which, and why. When
/// <see cref="NothingGoodLeft"/>, nothing of that server was removed.
/// </summary>
public sealed record PruneProblem(string Server, IReadOnlyList<(long Id, GoodBackupVerdict Verdict)> NotGood, bool NothingGoodLeft)
{
    public string Describe() =>
        $"server {Server}: "
        + string.Join("; ", NotGood.Select(b => $"backup {b.Id}: {GoodBackup.Describe(b.Verdict)}"))
        + (NothingGoodLeft
            ? $"; no good backup of {Server} would remain, so nothing of it was removed"
            : "; it does not count as a good backup (an older intact one was kept in its place)")
        + " (run ilobackup verify)";
}
