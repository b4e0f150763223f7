namespace IloBackup.Engine.Repository;

/// <summary>The result of re-hashing every object of a repository.</summary>
public sealed record VerifyReport
{
    public required int ObjectsChecked { get; init; }

    /// <summary>Objects whose bytes no longer match their hash, with the entries that use them.</summary>
    public required IReadOnlyList<VerifyProblem> Corrupt { get; init; }

    /// <summary>Objects some entry refers to that are not on disk.</summary>
    public required IReadOnlyList<VerifyProblem> Missing { get; init; }

    /// <summary>Objects no entry refers to (left by an interrupted run): removed unless read-only.</summary>
    public required int OrphanObjects { get; init; }

    public required int TemporaryFilesRemoved { get; init; }

    public bool IsHealthy => Corrupt.Count == 0 && Missing.Count == 0;
}
