namespace IloBackup.Engine.Repository;

/// <summary>
/// What the catalog tells of the whole fleet without handing over every row (<see cref="IBackupCatalog.FleetSummaryAsync"/>): the rows
/// aggregated per serial number (matched exactly) and per host for rows that named no serial, the serial each host last named,
/// and the rows counted by outcome and failure reason. <see cref="CatalogFleet.Servers"/> puts the parts together as the dashboard keys servers.
/// </summary>
public sealed record CatalogFleetSummary
{
    public IReadOnlyList<CatalogServerRows> Parts { get; init; } = [];

    /// <summary>
    /// For hosts (matched case-insensitively) that have rows without a serial: each exact spelling's newest row that named one.
    /// Empty when every row names its serial.
    /// </summary>
    public IReadOnlyList<CatalogHostSerial> HostSerials { get; init; } = [];

    /// <summary>Rows by outcome and failure reason (null for succeeded rows, whatever they hold).</summary>
    public IReadOnlyList<CatalogOutcomeCount> Outcomes { get; init; } = [];
}

/// <summary>One (outcome, failure reason) and how many rows have it.</summary>
public sealed record CatalogOutcomeCount(BackupOutcome Outcome, string? FailureReason, long Count);

/// <summary>The newest row of <paramref name="Host"/> (exact spelling) that named a serial number.</summary>
public sealed record CatalogHostSerial(string Host, string Serial, DateTimeOffset TakenAt, long Id);

/// <summary>A row's place in "newest first" (time, then id) and its suspect flag.</summary>
public readonly record struct CatalogRowMark(long Id, DateTimeOffset TakenAt, bool Suspect)
{
    /// <summary>True when this row comes before <paramref name="other"/> newest first.</summary>
    public bool IsNewerThan(CatalogRowMark other) => TakenAt != other.TakenAt ? TakenAt > other.TakenAt : Id > other.Id;

    public static CatalogRowMark Of(BackupEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.Id, entry.TakenAt, entry.Suspect);
    }
}

/// <summary>A (generation, firmware) some rows were taken on, and when the newest of them was.</summary>
public sealed record CatalogFirmwareSeen(string? Generation, string Firmware, DateTimeOffset NewestAt);
