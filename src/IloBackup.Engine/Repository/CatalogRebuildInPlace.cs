namespace IloBackup.Engine.Repository;

/// <summary>
/// Rebuild for a catalog that is not a file in the repository folder (PostgreSQL): there is nothing to move aside,
/// so rows are only added. Every object record whose row the catalog lacks becomes a row again, and every
/// object neither referenced nor described comes back as <see cref="CatalogRecovery.UnknownServer"/>; nothing is
/// removed. It runs on a repository opened for writing, so under its writer's lock. A catalog holding entries is
/// completed only when forced; running it twice adds nothing the second time. Restoring such a catalog is the
/// database's own business (pg_dump / pg_restore, or point-in-time recovery); a rebuild afterwards adds the
/// backups recorded since that dump.
/// </summary>
public static class CatalogRebuildInPlace
{
    public static async Task<CatalogRecoveryReport> RunAsync(BackupRepository repository, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        if (repository.IsReadOnly)
        {
            throw new InvalidOperationException("the repository was opened read-only");
        }

        if (repository.Catalog is SqliteBackupCatalog)
        {
            throw new InvalidOperationException("a SQLite catalog is rebuilt aside and renamed into place: use CatalogRecovery.RebuildAsync");
        }

        var present = await repository.Catalog.ListAsync(new BackupQuery { Limit = 1 }, cancellationToken).ConfigureAwait(false);
        if (present.Count > 0 && !force)
        {
            throw new RepositoryException(
                "the catalog holds entries: left as it is; give --force to add what the object records hold and it lacks (nothing is removed)");
        }

        ObjectStore.RemoveTemporaryFiles(repository.StagingDirectory);
        var fromCatalog = present.Count == 0 ? 0 : (await repository.Catalog.ListAsync(new BackupQuery(), cancellationToken).ConfigureAwait(false)).Count;
        var added = await CatalogFromDisk.AddMissingAsync(repository.Catalog, repository.Store, cancellationToken).ConfigureAwait(false);
        return added with { MovedAside = null, FromCopy = fromCatalog };
    }
}
