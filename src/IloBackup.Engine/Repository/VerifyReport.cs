namespace IloBackup.Engine.Repository;

/// <summary>The result of checking a repository: the catalog (SQLite's integrity check) and every object (re-hashed).</summary>
public sealed record VerifyReport
{
    public required int ObjectsChecked { get; init; }

    /// <summary>Objects whose bytes no longer match their hash, with the entries that use them.</summary>
    public required IReadOnlyList<VerifyProblem> Corrupt { get; init; }

    /// <summary>Objects some entry refers to that are not on disk.</summary>
    public required IReadOnlyList<VerifyProblem> Missing { get; init; }

    /// <summary>Objects no entry refers to: kept (only <c>prune --orphans</c> removes them).</summary>
    public required int OrphanObjects { get; init; }

    /// <summary>Files left in <c>tmp/</c> by an interrupted run (the next writer removes them).</summary>
    public required int TemporaryFiles { get; init; }

    /// <summary>What SQLite's integrity check and the structural checks found wrong with the catalog.</summary>
    public IReadOnlyList<string> CatalogProblems { get; init; } = [];

    public bool CatalogIsHealthy => CatalogProblems.Count == 0;

    public bool IsHealthy => CatalogIsHealthy && Corrupt.Count == 0 && Missing.Count == 0;
}
