namespace IloBackup.Engine.Repository;

/// <summary>Making a shared catalog's tables before anything is written to it (issue 20: a runner's dashboard and heartbeats).</summary>
public sealed partial class BackupRepository
{
    /// <summary>
    /// Brings the catalog of a repository file naming PostgreSQL to the current schema (a brand-new database gets its
    /// tables) so that read-only readers (the dashboard, heartbeats) work before the first backup. It opens the catalog as
    /// a writer's open does (the schema migrated under its own advisory lock, in one transaction) but takes no writer's
    /// lock and stores nothing, then closes it. Returns false, doing nothing, for a repository whose catalog is SQLite:
    /// there the first writer makes the catalog, as before.
    /// </summary>
    public static async Task<bool> PrepareSharedCatalogAsync(string location, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(location);
        location = Path.GetFullPath(location);
        if (!File.Exists(location))
        {
            return false; // a repository folder: a SQLite catalog
        }

        return await Task.Run(() => Descriptor.DescriptorRepository.PrepareSharedCatalogAsync(location), cancellationToken).ConfigureAwait(false);
    }
}
