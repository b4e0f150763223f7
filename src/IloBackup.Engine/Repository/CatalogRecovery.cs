using System.Globalization;
using IloBackup.Durability;

namespace IloBackup.Engine.Repository;

/// <summary>
/// The ways out of a lost or damaged catalog, under the writer's lock. <c>RebuildAsync</c> makes a
/// new catalog from the objects and their records; <see cref="RestoreAsync"/> brings back
/// <c>catalog.backup.db</c> and then adds what is newer from the records. Either builds the new
/// catalog aside and renames it into place; the one it replaces is moved aside, never deleted; a
/// healthy catalog holding entries is replaced only when forced. Both end by saving a new copy.
/// </summary>
public static class CatalogRecovery
{
    /// <summary>The host of an entry rebuilt from an object that has no record.</summary>
    public const string UnknownServer = "unknown server";

    /// <summary>The ways out of a lost or damaged catalog, as the commands a user types.</summary>
    public static string WaysOut(string directory) => CatalogGuard.WaysOut(directory);

    /// <summary>Rebuilds the catalog of a repository folder, or of the repository a repository file names (<see cref="Descriptor.DescriptorRecovery"/>).</summary>
    public static Task<CatalogRecoveryReport> RebuildAsync(string directory, bool force, TimeProvider? timeProvider, CancellationToken cancellationToken) =>
        File.Exists(directory)
            ? Descriptor.DescriptorRecovery.RunAsync(directory, force, timeProvider ?? TimeProvider.System, fromCopy: false, cancellationToken)
            : RunAsync(directory, null, force, timeProvider ?? TimeProvider.System, fromCopy: false, cancellationToken);

    /// <summary>Rebuilds the catalog of <paramref name="directory"/> from the objects and records of <paramref name="store"/> (null: its folder).</summary>
    public static Task<CatalogRecoveryReport> RebuildAsync(
        string directory, IObjectStore? store, bool force, TimeProvider? timeProvider, CancellationToken cancellationToken) =>
        RunAsync(directory, store, force, timeProvider ?? TimeProvider.System, fromCopy: false, cancellationToken);

    public static Task<CatalogRecoveryReport> RestoreAsync(string directory, bool force, TimeProvider? timeProvider, CancellationToken cancellationToken) =>
        File.Exists(directory)
            ? Descriptor.DescriptorRecovery.RunAsync(directory, force, timeProvider ?? TimeProvider.System, fromCopy: true, cancellationToken)
            : RunAsync(directory, null, force, timeProvider ?? TimeProvider.System, fromCopy: true, cancellationToken);

    private static Task<CatalogRecoveryReport> RunAsync(
        string directory, IObjectStore? store, bool force, TimeProvider time, bool fromCopy, CancellationToken cancellationToken) =>
        RunAsync(directory, Path.Combine(Path.GetFullPath(directory), BackupRepository.CatalogFileName), store, force, time, fromCopy, cancellationToken);

    /// <summary>The SQLite way out for a catalog file <paramref name="live"/> whose folder <paramref name="directory"/> holds its lock, staging and copy.</summary>
    internal static async Task<CatalogRecoveryReport> RunAsync(
        string directory, string live, IObjectStore? store, bool force, TimeProvider time, bool fromCopy, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        directory = Path.GetFullPath(directory);
        if (!Directory.Exists(directory))
        {
            throw new RepositoryException($"no repository at {directory}");
        }

        using var writerLock = RepositoryLock.Take(directory, time);
        var folder = new ObjectStore(directory);
        var objects = store ?? folder;
        folder.RemoveTemporaryFiles();
        Directory.CreateDirectory(folder.TempDirectory);
        var copy = CatalogCopy.PathIn(directory);
        if (fromCopy)
        {
            if (!File.Exists(copy))
            {
                throw new RepositoryException(
                    $"there is no catalog copy ({CatalogCopy.FileName}) in {directory}: use `ilobackup repo rebuild-catalog --repo {directory}`");
            }

            if (CatalogCopy.Check(copy) is { Count: > 0 } copyProblems)
            {
                throw new RepositoryException(
                    $"the catalog copy {copy} is damaged too ({copyProblems[0]}): use `ilobackup repo rebuild-catalog --repo {directory}`");
            }
        }

        var state = Assess(live);
        if (state.Entries > 0 && !force)
        {
            throw new RepositoryException(string.Create(
                CultureInfo.InvariantCulture,
                $"the catalog of {directory} is healthy and holds {state.Entries} entries: left as it is; give --force to replace it anyway (it is moved aside, never deleted)"));
        }

        var fresh = Path.Combine(folder.TempDirectory, $"catalog-{(fromCopy ? "restore" : "rebuild")}-{Guid.NewGuid():N}.db");
        try
        {
            if (fromCopy)
            {
                File.Copy(copy, fresh);
            }

            var fromCopyCount = 0;
            CatalogRecoveryReport added;
            var knownHighWater = Math.Max( // the ids the catalog being replaced and its copy gave stay given
                await HighestIdAsync(live, cancellationToken).ConfigureAwait(false), await HighestIdAsync(copy, cancellationToken).ConfigureAwait(false));
            await using (var catalog = SqliteBackupCatalog.Open(fresh, readOnly: false))
            {
                fromCopyCount = (await catalog.ListAsync(new BackupQuery(), cancellationToken).ConfigureAwait(false)).Count;
                added = await CatalogFromDisk.AddMissingAsync(catalog, objects, cancellationToken, knownHighWater).ConfigureAwait(false);
            }

            CatalogFile.FlushToDisk(fresh);
            var aside = MoveAside(live, state.Word, time);
            File.Move(fresh, live);
            DirectorySync.Flush(directory);
            await using (var catalog = SqliteBackupCatalog.Open(live, readOnly: false))
            {
                await CatalogCopy.SaveAsync(catalog, directory, cancellationToken).ConfigureAwait(false);
            }

            return added with { MovedAside = aside, FromCopy = fromCopyCount };
        }
        finally
        {
            foreach (var file in CatalogFile.WithCompanions(fresh))
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>How the current catalog is: its entries when healthy (0 otherwise) and a word for the name it is moved aside under.</summary>
    private static (int Entries, string Word) Assess(string path)
    {
        if (CatalogGuard.Describe(path) is { } lost)
        {
            return (0, lost == "missing" ? "missing" : "empty");
        }

        try
        {
            using var connection = CatalogFile.Connect(path, readOnly: true);
            if (CatalogFile.Check(connection, full: false).Count > 0)
            {
                return (0, "damaged");
            }

            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM backups;";
            return (Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture), "replaced");
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return (0, "damaged");
        }
    }

    /// <summary>The highest id a catalog file ever gave (its <c>sqlite_sequence</c>); 0 when it is missing or cannot be read.</summary>
    private static async Task<long> HighestIdAsync(string path, CancellationToken cancellationToken)
    {
        if (CatalogGuard.Describe(path) is not null)
        {
            return 0;
        }

        try
        {
            await using var catalog = SqliteBackupCatalog.Open(path, readOnly: true);
            return await catalog.HighestIdAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or RepositoryException or IOException or InvalidOperationException)
        {
            return 0;
        }
    }

    /// <summary>Renames the catalog and its side files to <c>catalog.db.&lt;why&gt;-&lt;time&gt;</c>; returns the new name (null when there was nothing).</summary>
    private static string? MoveAside(string live, string why, TimeProvider time)
    {
        var present = CatalogFile.WithCompanions(live).ToList();
        if (present.Count == 0)
        {
            return null;
        }

        var stamp = time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var aside = $"{live}.{why}-{stamp}";
        for (var n = 2; CatalogFile.WithCompanions(aside).Any(); n++)
        {
            aside = $"{live}.{why}-{stamp}-{n}";
        }

        foreach (var file in present)
        {
            File.Move(file, aside + file[live.Length..]);
        }

        DirectorySync.FlushParentOf(live);
        return aside;
    }
}
