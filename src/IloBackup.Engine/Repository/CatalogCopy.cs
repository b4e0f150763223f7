using IloBackup.Durability;

namespace IloBackup.Engine.Repository;

/// <summary>
/// The copy of the catalog every writing run ends with: <c>catalog.backup.db</c>, made with SQLite's
/// online backup into <c>tmp/</c>, checked (<c>quick_check</c>), fsynced, renamed into place and the
/// folder fsynced. A damaged catalog never replaces the last good copy.
/// </summary>
public static class CatalogCopy
{
    public const string FileName = "catalog.backup.db";

    public static string PathIn(string directory) => Path.Combine(directory, FileName);

    internal static async Task SaveAsync(SqliteBackupCatalog catalog, string directory, CancellationToken cancellationToken)
    {
        var tmp = Path.Combine(directory, "tmp");
        Directory.CreateDirectory(tmp);
        var temporary = Path.Combine(tmp, $"catalog-copy-{Guid.NewGuid():N}.db");
        try
        {
            await catalog.CopyToAsync(temporary, cancellationToken).ConfigureAwait(false);
            var problems = Check(temporary);
            if (problems.Count > 0)
            {
                throw new RepositoryException(
                    $"the catalog of {directory} is damaged ({problems[0]}): its copy {FileName} was left as it was; {CatalogGuard.WaysOut(directory)}");
            }

            CatalogFile.FlushToDisk(temporary);
            File.Move(temporary, PathIn(directory), overwrite: true);
            DirectorySync.Flush(directory);
        }
        finally
        {
            foreach (var file in CatalogFile.WithCompanions(temporary))
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>What SQLite's quick check finds wrong with a catalog file (empty when sound and holding the backups table).</summary>
    internal static IReadOnlyList<string> Check(string path)
    {
        try
        {
            using var connection = CatalogFile.Connect(path, readOnly: true);
            var problems = CatalogFile.Check(connection, full: false);
            return problems.Count > 0 || CatalogFile.HasTables(connection) ? problems : ["it has no tables"];
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            return [ex.Message];
        }
    }
}
