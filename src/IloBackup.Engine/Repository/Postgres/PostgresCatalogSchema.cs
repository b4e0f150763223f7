using Npgsql;

namespace IloBackup.Engine.Repository.Postgres;

/// <summary>
/// The PostgreSQL catalog's schema, versioned in <c>ilobackup_schema</c> (one row per step applied): migration
/// <c>i</c> takes the database from version <c>i</c> to <c>i + 1</c>, so later versions only append a step, as
/// SQLite's <see cref="CatalogSchema"/>. Migrating runs under a transaction-level advisory lock, so two processes
/// opening a new catalog at once apply each step once; a newer schema than this build knows is refused.
/// </summary>
internal static class PostgresCatalogSchema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE backups (
            id                 bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            host               text    NOT NULL,
            outcome            text    NOT NULL CHECK (outcome IN ('succeeded', 'failed')),
            taken_at_ms        bigint  NOT NULL,
            serial             text,
            product            text,
            product_id         text,
            generation         text,
            firmware           text,
            file_name          text,
            sha256             text,
            size               bigint,
            password_protected boolean NOT NULL DEFAULT false,
            snapshot           text,
            snapshot_sha256    text,
            snapshot_unchanged boolean,
            failure_reason     text,
            suspect            boolean NOT NULL DEFAULT false,
            record_id          text,
            suspect_reason     text,
            CHECK (outcome = 'failed' OR (sha256 IS NOT NULL AND size IS NOT NULL))
        );
        CREATE INDEX ix_backups_serial_time ON backups (upper(serial), taken_at_ms DESC, id DESC);
        CREATE INDEX ix_backups_good ON backups (upper(serial), taken_at_ms DESC, id DESC) WHERE outcome = 'succeeded' AND NOT suspect;
        CREATE INDEX ix_backups_host_time ON backups (host, taken_at_ms DESC);
        CREATE INDEX ix_backups_time ON backups (taken_at_ms DESC, id DESC);
        CREATE INDEX ix_backups_sha256 ON backups (sha256);
        CREATE INDEX ix_backups_record ON backups (record_id);
        CREATE TABLE writer_lock (
            one         boolean PRIMARY KEY DEFAULT true CHECK (one),
            runner      text        NOT NULL,
            host        text        NOT NULL,
            pid         integer     NOT NULL,
            since       timestamptz NOT NULL,
            backend_pid integer     NOT NULL
        );
        """,
        // 2 (issue 20): several runners on one catalog. Which runner took a row and in which run; leases so each
        // server is backed up once per run; each runner's heartbeat for the dashboard.
        """
        ALTER TABLE backups ADD COLUMN runner text;
        ALTER TABLE backups ADD COLUMN run_id text;
        CREATE INDEX ix_backups_run ON backups (run_id, upper(serial)) WHERE run_id IS NOT NULL;
        CREATE TABLE leases (
            serial        text   NOT NULL,
            run_id        text   NOT NULL,
            runner        text   NOT NULL,
            state         text   NOT NULL CHECK (state IN ('running', 'succeeded', 'failed')),
            taken_at_ms   bigint NOT NULL,
            expires_at_ms bigint NOT NULL,
            backup_id     bigint,
            PRIMARY KEY (serial, run_id)
        );
        CREATE TABLE runners (
            runner        text   PRIMARY KEY,
            host          text   NOT NULL,
            last_seen_ms  bigint NOT NULL,
            current_run   text,
            interval_ms   bigint
        );
        """,
    ];

    /// <summary>The advisory lock keys (class, object) ilobackup uses; the class is "iLOB" in ASCII.</summary>
    public const int LockClass = 0x694C4F42;
    public const int MigrationLock = 1;
    public const int WriterLock = 2;

    /// <summary>Taken shared by every backup writer, exclusive by prune, rebuild and migrate (<see cref="PostgresWriterLock"/>).</summary>
    public const int SharedWriters = 3;

    public static int CurrentVersion => Migrations.Length;

    /// <summary>Brings the catalog to <see cref="CurrentVersion"/>; returns the version it is read at.</summary>
    public static int Migrate(NpgsqlConnection connection, bool readOnly)
    {
        var version = Version(connection);
        ThrowIfNewer(version);
        if (version == CurrentVersion)
        {
            return version;
        }

        if (readOnly)
        {
            throw new RepositoryException(version == 0
                ? "the catalog has no tables: no backups were recorded in this repository yet"
                : $"the catalog has schema version {version}, older than this ilobackup reads ({CurrentVersion}): open it once for writing to migrate it");
        }

        using var transaction = connection.BeginTransaction();
        Execute(connection, $"SELECT pg_advisory_xact_lock({LockClass}, {MigrationLock});");
        Execute(
            connection,
            "CREATE TABLE IF NOT EXISTS ilobackup_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());");
        version = Version(connection); // another process may have migrated meanwhile
        ThrowIfNewer(version);
        for (var i = version; i < CurrentVersion; i++)
        {
            Execute(connection, Migrations[i] + $"\nINSERT INTO ilobackup_schema (version) VALUES ({i + 1});");
        }

        transaction.Commit();
        return CurrentVersion;
    }

    public static int Version(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand(
            "SELECT CASE WHEN to_regclass('ilobackup_schema') IS NULL THEN 0 ELSE 1 END;", connection);
        if (Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return 0;
        }

        command.CommandText = "SELECT coalesce(max(version), 0) FROM ilobackup_schema;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void ThrowIfNewer(int version)
    {
        if (version > CurrentVersion)
        {
            throw new RepositoryException(
                $"the catalog has schema version {version}, newer than this ilobackup knows ({CurrentVersion}): upgrade ilobackup");
        }
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
