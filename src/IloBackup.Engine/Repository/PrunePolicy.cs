namespace IloBackup.Engine.Repository;

/// <summary>
/// What <c>prune</c> keeps, per server: its newest <see cref="KeepLast"/> good backups and every entry
/// newer than <see cref="KeepWithin"/>. A server's newest good backup is always kept, and so are
/// failed attempts newer than it (they tell the current trouble).
/// </summary>
public sealed record PrunePolicy(int? KeepLast, TimeSpan? KeepWithin)
{
    public void Validate()
    {
        if (KeepLast is null && KeepWithin is null)
        {
            throw new ArgumentException("give --keep-last, --keep-within or both");
        }

        if (KeepLast is < 1)
        {
            throw new ArgumentException("--keep-last must be at least 1");
        }

        if (KeepWithin is { } within && within < TimeSpan.Zero)
        {
            throw new ArgumentException("--keep-within must not be negative");
        }
    }
}
