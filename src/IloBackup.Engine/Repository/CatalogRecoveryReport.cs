namespace IloBackup.Engine.Repository;

/// <summary>What <c>repo rebuild-catalog</c> or <c>repo restore-catalog</c> did.</summary>
public sealed record CatalogRecoveryReport
{
    /// <summary>Where the catalog that was replaced now is (never deleted), or null when there was none.</summary>
    public string? MovedAside { get; init; }

    /// <summary>Entries brought back from the catalog copy (restore only).</summary>
    public int FromCopy { get; init; }

    /// <summary>Entries brought back from object records.</summary>
    public int FromRecords { get; init; }

    /// <summary>Objects without a usable record, catalogued with hash and size only as "unknown server".</summary>
    public int UnknownServer { get; init; }

    /// <summary>Record files that could not be read (their objects count as unknown unless another record describes them).</summary>
    public int UnreadableRecords { get; init; }

    /// <summary>
    /// Objects without a record that could not be catalogued: on a store with keyed names (encryption), one that does not
    /// decrypt or whose content's hash does not map to its name. Left in the store as they are, never added.
    /// </summary>
    public int UnreadableObjects { get; init; }

    public int Total => FromCopy + FromRecords + UnknownServer;
}
