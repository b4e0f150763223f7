using Microsoft.Data.Sqlite;

namespace IloBackup.Engine.Repository;

/// <summary>
/// The catalog's schema, versioned with SQLite's <c>user_version</c>: migration <c>i</c> takes the
/// database from version <c>i</c> to <c>i + 1</c>, so later versions only append a step.
/// </summary>
internal static class CatalogSchema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE backups (
            id                 INTEGER PRIMARY KEY AUTOINCREMENT,
            host               TEXT    NOT NULL,
            outcome            TEXT    NOT NULL CHECK (outcome IN ('succeeded', 'failed')),
            taken_at_ms        INTEGER NOT NULL,
            serial             TEXT,
            product            TEXT,
            product_id         TEXT,
            generation         TEXT,
            firmware           TEXT,
            file_name          TEXT,
            sha256             TEXT,
            size               INTEGER,
            password_protected INTEGER NOT NULL DEFAULT 0,
            snapshot           TEXT,
            snapshot_sha256    TEXT,
            snapshot_unchanged INTEGER,
            failure_reason     TEXT,
            CHECK (outcome = 'failed' OR (sha256 IS NOT NULL AND size IS NOT NULL))
        );
        CREATE INDEX ix_backups_serial_time ON backups (serial, taken_at_ms);
        CREATE INDEX ix_backups_host_time ON backups (host, taken_at_ms);
        CREATE INDEX ix_backups_sha256 ON backups (sha256);
        """,
        // 2: the suspect flag (set by recovery, never a good backup) and the metadata record of each row.
        """
        ALTER TABLE backups ADD COLUMN suspect INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE backups ADD COLUMN record_id TEXT;
        CREATE INDEX ix_backups_record ON backups (record_id);
        """,
        // 3: why a row is suspect (issue 15: the backup looks like factory defaults, or lost much since the previous one).
        """
        ALTER TABLE backups ADD COLUMN suspect_reason TEXT;
        """,
        // 4: serials match case-insensitively (NOCASE): indexes in that collation for history and the newest good backup (issue 19).
        """
        CREATE INDEX IF NOT EXISTS ix_backups_serial_nocase ON backups (serial COLLATE NOCASE, taken_at_ms DESC, id DESC);
        CREATE INDEX IF NOT EXISTS ix_backups_time ON backups (taken_at_ms DESC, id DESC);
        """,
        // 5: which runner took the backup and in which run (issue 20; on SQLite the runner only labels rows).
        """
        ALTER TABLE backups ADD COLUMN runner TEXT;
        ALTER TABLE backups ADD COLUMN run_id TEXT;
        """,
    ];

    /// <summary>The oldest version read-only commands can read as it is (they cannot migrate).</summary>
    public const int OldestReadable = 1;

    public static int CurrentVersion => Migrations.Length;

    /// <summary>Brings the catalog to <see cref="CurrentVersion"/>; returns the version it is read at.</summary>
    public static int Migrate(SqliteConnection connection, bool readOnly)
    {
        var version = Version(connection);
        if (version > CurrentVersion)
        {
            throw new RepositoryException(
                $"the catalog has schema version {version}, newer than this ilobackup knows ({CurrentVersion}): upgrade ilobackup");
        }

        if (version == CurrentVersion || (readOnly && version >= OldestReadable))
        {
            return version;
        }

        if (readOnly)
        {
            // Version 0 is a catalog without tables; the repository refuses those before getting here.
            throw new RepositoryException("the catalog has no tables: no backups were recorded in this repository yet");
        }

        using var transaction = connection.BeginTransaction();
        for (var i = version; i < CurrentVersion; i++)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = (i >= 4 ? WithoutPresentColumns(connection, transaction, Migrations[i]) : Migrations[i]) + $"\nPRAGMA user_version = {i + 1};";
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        return CurrentVersion;
    }

    /// <summary>
    /// Leaves out the <c>ALTER TABLE backups ADD COLUMN</c> lines of a step whose column is there already (SQLite has no
    /// <c>IF NOT EXISTS</c> for columns), so a re-stamped catalog migrates like the indexes of step 4 do.
    /// </summary>
    private static string WithoutPresentColumns(SqliteConnection connection, SqliteTransaction transaction, string step)
    {
        using var columns = connection.CreateCommand();
        columns.Transaction = transaction;
        columns.CommandText = "SELECT name FROM pragma_table_info('backups');";
        var present = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using (var reader = columns.ExecuteReader())
        {
            while (reader.Read())
            {
                present.Add(reader.GetString(0));
            }
        }

        const string Add = "ALTER TABLE backups ADD COLUMN ";
        return string.Join('\n', step.Split('\n').Where(line =>
        {
            var text = line.Trim();
            return !text.StartsWith(Add, StringComparison.Ordinal) || !present.Contains(text[Add.Length..].Split(' ')[0]);
        }));
    }

    public static int Version(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
