namespace IloBackup.Engine.Repository.Migration;

/// <summary>What <c>repo migrate</c> did. "Skipped" counts what the target held complete already (a resumed run).</summary>
public sealed record MigrationReport
{
    /// <summary>The source and the target, as people read them (never a secret).</summary>
    public required string From { get; init; }
    public required string To { get; init; }

    /// <summary>Catalog rows in the source (good, failed and suspect), and how many were written or found in the target.</summary>
    public int Rows { get; init; }
    public int RowsCopied { get; init; }
    public int RowsSkipped { get; init; }

    /// <summary>
    /// Distinct objects the rows refer to: copied (then verified), or skipped: found verified in the target, or the object of a
    /// row the target holds already (verified before that row was written, not read again).
    /// </summary>
    public int Objects { get; init; }
    public int ObjectsCopied { get; init; }
    public int ObjectsSkipped { get; init; }

    /// <summary>Plaintext bytes of the objects copied by this run.</summary>
    public long BytesCopied { get; init; }

    /// <summary>Metadata records of those objects, copied or found in the target.</summary>
    public int RecordsCopied { get; init; }
    public int RecordsSkipped { get; init; }

    /// <summary>Rows naming a record the source does not hold (the row is copied; rebuild-catalog could not bring it back).</summary>
    public int MissingRecords { get; init; }

    /// <summary>Objects in the source no row refers to: not copied (<c>prune --orphans</c> territory).</summary>
    public int UnreferencedObjectsLeft { get; init; }

    public int SkippedAsDone => RowsSkipped + ObjectsSkipped + RecordsSkipped;
}
