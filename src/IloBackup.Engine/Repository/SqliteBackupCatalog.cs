using Microsoft.Data.Sqlite;

namespace IloBackup.Engine.Repository;

/// <summary>
/// The embedded catalog: one SQLite file (WAL, synchronous=FULL). One connection, used by one
/// operation at a time, so the fleet runner can record results from many tasks.
/// </summary>
public sealed partial class SqliteBackupCatalog : IBackupCatalog
{
    private const string CommonColumns =
        "id, host, outcome, taken_at_ms, serial, product, product_id, generation, firmware, file_name, sha256, size, "
        + "password_protected, snapshot, snapshot_unchanged, failure_reason";

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    // A read-only command reads a catalog of version 1 as it is (it cannot migrate it): no suspect flag, no records.
    private readonly string _columns;
    private readonly string _notSuspect;

    private SqliteBackupCatalog(SqliteConnection connection, int version)
    {
        _connection = connection;
        _columns = CommonColumns + (version >= 2 ? ", suspect, record_id" : ", 0 AS suspect, NULL AS record_id")
            + (version >= 3 ? ", suspect_reason" : ", NULL AS suspect_reason")
            + (version >= 5 ? ", runner, run_id" : ", NULL AS runner, NULL AS run_id");
        _notSuspect = version >= 2 ? " AND suspect = 0" : string.Empty;
    }

    /// <summary>
    /// Opens the catalog. A reader that finds the WAL of a killed writer still to be recovered (SQLite answers
    /// "attempt to write a readonly database": recovery writes, a reader may not) reads a private copy instead
    /// (<see cref="SqliteBackupCatalog"/>.PrivateCopy), so history and show work right after a crash.
    /// </summary>
    public static SqliteBackupCatalog Open(string path, bool readOnly)
    {
        try
        {
            return OpenAt(path, readOnly, readOnly);
        }
        catch (SqliteException ex) when (readOnly && ex.SqliteErrorCode == 8)
        {
            return PrivateCopy.Open(path);
        }
    }

    internal static SqliteBackupCatalog OpenAt(string path, bool readOnlyConnection, bool readOnlySchema)
    {
        var connection = CatalogFile.Open(path, readOnlyConnection);
        try
        {
            var version = CatalogSchema.Migrate(connection, readOnlySchema);
            return new SqliteBackupCatalog(connection, version) { FilePath = path };
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>What SQLite's own check finds wrong with the catalog (empty when sound); see <see cref="CatalogFile.Check"/>.</summary>
    public async Task<IReadOnlyList<string>> CheckAsync(bool full, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return CatalogFile.Check(_connection, full);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Copies the whole catalog into a new database file with SQLite's online backup (consistent, one transaction).</summary>
    public async Task CopyToAsync(string destinationPath, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var destination = CatalogFile.Connect(destinationPath, readOnly: false);
            _connection.BackupDatabase(destination);
            using var mode = destination.CreateCommand();
            mode.CommandText = "PRAGMA journal_mode = DELETE;"; // one self-contained file, no -wal beside it
            mode.ExecuteNonQuery();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<BackupEntry> AddAsync(NewBackupEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var snapshotHash = SnapshotFingerprint.Compute(entry.Snapshot);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var newId = TakeId(entry.Id); // before the transaction: it may read the catalog's high-water mark
            using var transaction = _connection.BeginTransaction();
            bool? unchanged = null;
            if (entry.Identity.SerialNumber is not null && snapshotHash is not null)
            {
                using var previous = _connection.CreateCommand();
                previous.Transaction = transaction;
                previous.CommandText =
                    "SELECT snapshot_sha256 FROM backups WHERE serial = $serial AND outcome = 'succeeded' AND suspect = 0 "
                    + "AND taken_at_ms <= $at ORDER BY taken_at_ms DESC, id DESC LIMIT 1;";
                previous.Parameters.AddWithValue("$serial", entry.Identity.SerialNumber);
                previous.Parameters.AddWithValue("$at", entry.TakenAt.ToUnixTimeMilliseconds());
                var found = await previous.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                if (found is string previousHash)
                {
                    unchanged = string.Equals(previousHash, snapshotHash, StringComparison.Ordinal);
                }
            }

            using var insert = _connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO backups (id, {RowColumns}) VALUES ($id, {RowValues}) RETURNING id;";
            var row = CatalogRow.From(0, entry, unchanged);
            BindRow(insert.Parameters, row, snapshotHash);
            insert.Parameters.AddWithValue("$id", newId);
            var id = (long)(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            transaction.Commit();
            return row with { Id = id };
        }
        catch (SqliteException ex)
        {
            throw new RepositoryException($"cannot record the backup of {entry.Host} in the catalog: {ex.Message}", ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<BackupEntry?> GetAsync(long id, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            $"SELECT {_columns} FROM backups WHERE id = $id;", p => p.AddWithValue("$id", id), cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public Task<IReadOnlyList<BackupEntry>> ListAsync(BackupQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var where = new List<string>();
        if (query.Serial is not null)
        {
            where.Add("serial = $serial COLLATE NOCASE");
        }

        if (query.Host is not null)
        {
            where.Add("host = $host");
        }

        if (query.GoodOnly)
        {
            where.Add("outcome = 'succeeded'");
        }

        var sql = $"SELECT {_columns} FROM backups"
            + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : string.Empty)
            + " ORDER BY taken_at_ms DESC, id DESC"
            + (query.Limit is { } limit ? $" LIMIT {limit}" : string.Empty) + ";";
        return QueryAsync(
            sql,
            p =>
            {
                if (query.Serial is not null)
                {
                    p.AddWithValue("$serial", query.Serial);
                }

                if (query.Host is not null)
                {
                    p.AddWithValue("$host", query.Host);
                }
            },
            cancellationToken);
    }

    public async Task<BackupEntry?> FindNewestGoodAsync(string serial, DateTimeOffset? atOrBefore, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(serial);
        var rows = await QueryAsync(
            $"SELECT {_columns} FROM backups WHERE serial = $serial COLLATE NOCASE AND outcome = 'succeeded'{_notSuspect} "
            + "AND taken_at_ms <= $at ORDER BY taken_at_ms DESC, id DESC LIMIT 1;",
            p =>
            {
                p.AddWithValue("$serial", serial);
                p.AddWithValue("$at", atOrBefore?.ToUnixTimeMilliseconds() ?? long.MaxValue);
            },
            cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public Task<IReadOnlyList<BackupEntry>> NewestGoodPerServerAsync(CancellationToken cancellationToken) =>
        // Per distinct serial, one probe of the (serial NOCASE, time) index: no sort of the whole table.
        QueryAsync(
            $"SELECT {_columns} FROM backups WHERE id IN (SELECT (SELECT g.id FROM backups g WHERE g.serial = s.serial COLLATE NOCASE "
            + $"AND g.outcome = 'succeeded'{_notSuspect.Replace("suspect", "g.suspect", StringComparison.Ordinal)} ORDER BY g.taken_at_ms DESC, g.id DESC LIMIT 1) "
            + "FROM (SELECT DISTINCT serial COLLATE NOCASE AS serial FROM backups WHERE serial IS NOT NULL) s) "
            + "ORDER BY serial COLLATE NOCASE;",
            _ => { },
            cancellationToken);

    public async Task<IReadOnlySet<string>> ReferencedObjectsAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT DISTINCT sha256 FROM backups WHERE sha256 IS NOT NULL;";
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var set = new HashSet<string>(StringComparer.Ordinal);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                set.Add(reader.GetString(0));
            }

            return set;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<int> DeleteAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = _connection.BeginTransaction();
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM backups WHERE id = $id;";
            var parameter = command.Parameters.Add("$id", SqliteType.Integer);
            var removed = 0;
            foreach (var id in ids)
            {
                parameter.Value = id;
                removed += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            transaction.Commit();
            return removed;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The private copy this reader reads (removed when it is disposed), or null.</summary>
    internal string? CopyDirectory { get; set; }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
        if (CopyDirectory is not null)
        {
            ObjectStore.DeleteDirectory(CopyDirectory);
        }
    }

    private async Task<IReadOnlyList<BackupEntry>> QueryAsync(
        string sql, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            bind(command.Parameters);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var rows = new List<BackupEntry>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(CatalogRow.Read(reader));
            }

            return rows;
        }
        finally
        {
            _gate.Release();
        }
    }
}
