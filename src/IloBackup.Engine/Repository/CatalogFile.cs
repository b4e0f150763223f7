using IloBackup.Durability;
using Microsoft.Data.Sqlite;

namespace IloBackup.Engine.Repository;

/// <summary>
/// The SQLite file of the catalog: opening it (WAL, synchronous=FULL), creating it atomically, and
/// asking SQLite whether its pages are sound (<c>PRAGMA quick_check</c> / <c>integrity_check</c>).
/// </summary>
internal static class CatalogFile
{
    /// <summary>Opens <paramref name="path"/>; a writer creates it (with its schema) when it does not exist.</summary>
    public static SqliteConnection Open(string path, bool readOnly)
    {
        if (!readOnly)
        {
            // Leftovers of a creation that was killed (only writers get here, under the repository lock).
            foreach (var stale in Directory.EnumerateFiles(Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileName(path) + ".*.new"))
            {
                File.Delete(stale);
            }

            if (!File.Exists(path))
            {
                CreateAtomically(path);
            }
        }

        var connection = Connect(path, readOnly);
        try
        {
            using var pragma = connection.CreateCommand();
            pragma.CommandText = readOnly
                ? "PRAGMA busy_timeout = 10000;"
                : "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000;";
            pragma.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public static SqliteConnection Connect(string path, bool readOnly)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// What SQLite finds wrong with the database (empty when sound): <c>quick_check</c> (pages, records,
    /// free list) or, when <paramref name="full"/>, <c>integrity_check</c> (also indexes against tables).
    /// A file that is not a database at all answers with the error SQLite gives.
    /// </summary>
    public static IReadOnlyList<string> Check(SqliteConnection connection, bool full)
    {
        var problems = new List<string>();
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = full ? "PRAGMA integrity_check(20);" : "PRAGMA quick_check(20);";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var line = reader.GetString(0);
                if (!string.Equals(line, "ok", StringComparison.Ordinal))
                {
                    problems.Add(line);
                }
            }
        }
        catch (SqliteException ex)
        {
            problems.Add(ex.Message);
        }

        if (full && problems.Count == 0)
        {
            problems.AddRange(StructuralProblems(connection));
        }

        return problems;
    }

    /// <summary>What a sound database can still get wrong as a catalog: its version, its table, rows naming no valid object.</summary>
    private static IEnumerable<string> StructuralProblems(SqliteConnection connection)
    {
        var version = CatalogSchema.Version(connection);
        if (version < CatalogSchema.OldestReadable || version > CatalogSchema.CurrentVersion)
        {
            yield return $"schema version {version} is not one this ilobackup knows (1 to {CatalogSchema.CurrentVersion})";
            yield break;
        }

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'backups';";
        if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            yield return "the backups table is missing";
            yield break;
        }

        command.CommandText =
            "SELECT count(*) FROM backups WHERE outcome = 'succeeded' AND (sha256 IS NULL OR length(sha256) <> 64 "
            + "OR sha256 GLOB '*[^0-9a-f]*' OR size IS NULL OR size < 0);";
        var invalid = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (invalid > 0)
        {
            yield return $"{invalid} backups name no valid object (SHA-256 or size)";
        }
    }

    /// <summary>True when the database has at least one table (a 0-byte file, or a fresh one, has none).</summary>
    public static bool HasTables(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table';";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>The catalog file and its write-ahead log and shared-memory index, when present.</summary>
    public static IEnumerable<string> WithCompanions(string path) =>
        new[] { path, path + "-wal", path + "-shm", path + "-journal" }.Where(File.Exists);

    /// <summary>
    /// Copies a catalog for reading elsewhere: the database with its write-ahead log and its rollback journal, when there
    /// are (a killed writer's hot journal holds the pages its unfinished transaction overwrote: a copy without it would
    /// read that transaction half done). Not the <c>-shm</c> index, which SQLite rebuilds from the log.
    /// </summary>
    public static void CopyForReading(string live, string copy)
    {
        foreach (var suffix in new[] { string.Empty, "-wal", "-journal" })
        {
            if (File.Exists(live + suffix))
            {
                File.Copy(live + suffix, copy + suffix);
            }
        }
    }

    /// <summary>Flushes a finished database file to the disk (its bytes; the caller syncs the folder after renaming).</summary>
    public static void FlushToDisk(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        file.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Creates a new catalog beside <paramref name="path"/>, with its schema, and renames it into
    /// place: a process killed while creating a repository never leaves a catalog without its
    /// tables, which read-only commands would refuse (found by the SIGKILL tests, issue 6).
    /// </summary>
    private static void CreateAtomically(string path)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N")[..8] + ".new";
        try
        {
            using (var connection = Connect(temporary, readOnly: false))
            {
                CatalogSchema.Migrate(connection, readOnly: false);
            }

            FlushToDisk(temporary);
            try
            {
                File.Move(temporary, path, overwrite: false);
                DirectorySync.FlushParentOf(path);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another writer created it first: keep theirs.
            }
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
