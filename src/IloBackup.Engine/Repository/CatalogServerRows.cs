namespace IloBackup.Engine.Repository;

/// <summary>
/// The rows of one serial number (matched exactly; <see cref="Serial"/> set) or those of one host (exact spelling) that named no
/// serial (<see cref="Serial"/> null), aggregated by the catalog: a few rows read, whatever the number of rows.
/// </summary>
public sealed record CatalogServerRows
{
    /// <summary>The serial number, as stored; null for the rows of <see cref="Host"/> that named none.</summary>
    public string? Serial { get; init; }

    /// <summary>The host of the newest row.</summary>
    public string Host => Newest.Host;

    public required long Attempts { get; init; }

    /// <summary>The newest row (time, then id), any outcome.</summary>
    public required BackupEntry Newest { get; init; }

    /// <summary>The newest good row as far as the catalog knows (<see cref="GoodBackup.IsCandidate"/>).</summary>
    public BackupEntry? NewestGood { get; init; }

    /// <summary>The newest successful row with a file (<see cref="BackupEntry.IsGood"/>), suspect or not.</summary>
    public CatalogRowMark? NewestSucceeded { get; init; }

    /// <summary>
    /// Each (generation, firmware) of rows newer than <see cref="NewestGood"/> (of every row when there is none), with the
    /// newest time it was seen; rows without a firmware version are left out.
    /// </summary>
    public IReadOnlyList<CatalogFirmwareSeen> FirmwareSince { get; init; } = [];
}
