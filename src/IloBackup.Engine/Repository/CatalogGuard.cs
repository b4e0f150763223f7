using System.Globalization;
using Microsoft.Data.Sqlite;

namespace IloBackup.Engine.Repository;

/// <summary>
/// Refuses to work on a repository whose catalog is lost while its backup files are still there: a
/// missing, 0-byte or table-less <c>catalog.db</c> beside objects would otherwise look like an empty
/// repository whose files nobody refers to (issue 11: that is how every backup file got deleted).
/// </summary>
internal static class CatalogGuard
{
    /// <summary>The two ways out, as a user types them.</summary>
    public static string WaysOut(string directory) =>
        $"ways out: `ilobackup repo restore-catalog --repo {directory}` (brings back the copy {CatalogCopy.FileName} saved by the last "
        + $"writing run, then adds newer backups from their records{(File.Exists(Path.Combine(directory, CatalogCopy.FileName)) ? string.Empty : "; there is no copy here")}) "
        + $"or `ilobackup repo rebuild-catalog --repo {directory}` (rebuilds it from the backup files and their records)";

    /// <summary>Throws when the catalog is missing or empty and the repository holds backups (or a catalog copy).</summary>
    public static async Task ThrowIfLostAsync(string directory, string catalogPath, IObjectStore objects, CancellationToken cancellationToken)
    {
        var state = Describe(catalogPath);
        if (state is null)
        {
            return;
        }

        var files = 0;
        await foreach (var _ in objects.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            files++;
        }

        var hasCopy = File.Exists(Path.Combine(directory, CatalogCopy.FileName));
        if (files == 0 && !hasCopy && !await HasRecordsAsync(objects, cancellationToken).ConfigureAwait(false))
        {
            return; // a new (or empty) repository: nothing to lose
        }

        throw new RepositoryException(string.Create(
            CultureInfo.InvariantCulture,
            $"the catalog of the repository at {directory} is {state}, but the repository holds {files} backup files{(hasCopy ? " and a catalog copy" : string.Empty)}: refusing to work on it, nothing was changed; {WaysOut(directory)}"));
    }

    private static async Task<bool> HasRecordsAsync(IObjectStore objects, CancellationToken cancellationToken)
    {
        await foreach (var _ in objects.ListRecordsAsync(null, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        return false;
    }

    /// <summary>Why the catalog counts as lost ("missing", "empty (0 bytes)", "empty (no tables)"), or null when it is not.</summary>
    public static string? Describe(string catalogPath)
    {
        var file = new FileInfo(catalogPath);
        if (!file.Exists)
        {
            return "missing";
        }

        if (file.Length == 0 && !File.Exists(catalogPath + "-wal"))
        {
            return "empty (0 bytes)";
        }

        try
        {
            using var connection = CatalogFile.Connect(catalogPath, readOnly: true);
            return CatalogFile.HasTables(connection) ? null : "empty (no tables)";
        }
        catch (SqliteException)
        {
            return null; // damaged, not empty: opening it says so, with the ways out
        }
    }
}
