namespace IloBackup.Engine.Repository.Descriptor;

/// <summary>
/// <c>repo rebuild-catalog</c> / <c>restore-catalog</c> on a repository file. A SQLite catalog is rebuilt aside and
/// renamed into place as in a folder repository (its folder holds the lock, staging and the catalog copy), from the
/// objects of whatever store the file names, decrypted with its key. A PostgreSQL catalog is completed in place
/// (<see cref="CatalogRebuildInPlace"/>); restoring one is the database's own business (pg_restore).
/// </summary>
internal static class DescriptorRecovery
{
    public static async Task<CatalogRecoveryReport> RunAsync(string file, bool force, TimeProvider time, bool fromCopy, CancellationToken cancellationToken)
    {
        var descriptor = RepositoryDescriptorReader.Read(file);
        if (descriptor.SqlitePath is not { } sqlite)
        {
            if (fromCopy)
            {
                throw new RepositoryException(
                    $"the catalog of {descriptor.SourcePath} is a PostgreSQL database: restore it with PostgreSQL's own tools (pg_restore, or point-in-time recovery), then `ilobackup repo rebuild-catalog --repo {descriptor.SourcePath} --force` adds the backups recorded since");
            }

            var repository = await DescriptorRepository.OpenAsync(
                file, new BackupRepositoryOptions { TimeProvider = time, CreateIfMissing = false }, cancellationToken).ConfigureAwait(false);
            await using (repository.ConfigureAwait(false))
            {
                return await CatalogRebuildInPlace.RunAsync(repository, force, cancellationToken).ConfigureAwait(false);
            }
        }

        var folder = DescriptorRepository.LocalFolder(descriptor);
        Directory.CreateDirectory(folder);
        var store = await DescriptorRepository.OpenStoreAsync(descriptor, Path.Combine(folder, "tmp"), cancellationToken).ConfigureAwait(false);
        try
        {
            return await CatalogRecovery.RunAsync(folder, sqlite, store, force, time, fromCopy, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            (store as IDisposable)?.Dispose();
        }
    }
}
