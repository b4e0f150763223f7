namespace IloBackup.Engine.Repository;

/// <summary>
/// What <c>prune</c> keeps, per server: its newest <see cref="KeepLast"/> good backups and every entry
/// newer than <see cref="KeepWithin"/>. A server's newest good backup (<see cref="GoodBackup"/>, its file
/// re-hashed) is always kept, and so are failed, damaged or suspect entries newer than it (they tell
/// the current trouble). With <see cref="RemoveOrphans"/>, objects no entry refers to are removed too,
/// unless younger than <see cref="OrphanGrace"/>.
/// </summary>
public sealed record PrunePolicy(int? KeepLast, TimeSpan? KeepWithin)
{
    public static readonly TimeSpan DefaultOrphanGrace = TimeSpan.FromDays(7);

    /// <summary>Also remove objects no catalog entry refers to (and their records): the only way they are ever removed.</summary>
    public bool RemoveOrphans { get; init; }

    /// <summary>Orphan objects younger than this (by their file's time) are spared: a running backup's object has no row yet.</summary>
    public TimeSpan OrphanGrace { get; init; } = DefaultOrphanGrace;

    public bool HasRetention => KeepLast is not null || KeepWithin is not null;

    public void Validate()
    {
        if (!HasRetention && !RemoveOrphans)
        {
            throw new ArgumentException("give --keep-last, --keep-within, --orphans or a combination");
        }

        if (KeepLast is < 1)
        {
            throw new ArgumentException("--keep-last must be at least 1");
        }

        if (KeepWithin is { } within && within < TimeSpan.Zero)
        {
            throw new ArgumentException("--keep-within must not be negative");
        }

        if (OrphanGrace < TimeSpan.Zero)
        {
            throw new ArgumentException("--grace must not be negative");
        }
    }
}
