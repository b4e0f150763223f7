using Npgsql;
using NpgsqlTypes;

namespace IloBackup.Engine.Repository.Postgres;

/// <summary>
/// A catalog shared by several machines: PostgreSQL, through Npgsql's slim (trimming- and AOT-safe) data source,
/// with the semantics of <see cref="SqliteBackupCatalog"/>. Each operation takes a pooled connection, so it needs
/// no gate of its own; "snapshot unchanged" is worked out under a transaction-level advisory lock on the serial,
/// so two runners recording the same server at once still compare with a committed previous row. Serials match
/// case-insensitively through <c>upper()</c> (SQLite's NOCASE).
/// </summary>
public sealed partial class PostgresBackupCatalog : IBackupCatalog, IRunnerHeartbeats
{
    private const string Columns =
        "id, host, outcome, taken_at_ms, serial, product, product_id, generation, firmware, file_name, sha256, size, "
        + "password_protected, snapshot, snapshot_unchanged, failure_reason, suspect, record_id, suspect_reason, runner, run_id";

    private readonly NpgsqlDataSource _source;

    private PostgresBackupCatalog(NpgsqlDataSource source, PostgresCatalogAddress address)
    {
        _source = source;
        Address = address;
    }

    public PostgresCatalogAddress Address { get; }

    /// <summary>Connects, and (unless read-only) migrates the schema to the current version.</summary>
    public static PostgresBackupCatalog Open(PostgresCatalogAddress address, bool readOnly)
    {
        ArgumentNullException.ThrowIfNull(address);
        var source = DataSource(address, "ilobackup catalog");
        try
        {
            using (var connection = source.OpenConnection())
            {
                PostgresCatalogSchema.Migrate(connection, readOnly);
            }

            return new PostgresBackupCatalog(source, address);
        }
        catch (NpgsqlException ex)
        {
            source.Dispose();
            throw Failure($"cannot open the PostgreSQL catalog {address}", ex);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>Connections one process keeps to the catalog at most (the writer's lock holds one more of its own).</summary>
    public const int MaxPoolSize = 8;

    internal static NpgsqlDataSource DataSource(PostgresCatalogAddress address, string applicationName, bool pooling = true)
    {
        var builder = new NpgsqlSlimDataSourceBuilder(address.ConnectionString(applicationName));
        builder.ConnectionStringBuilder.Pooling = pooling;

        // A runner's operations are short: a few pooled connections serve a concurrency of 64, and several runners stay
        // within PostgreSQL's default max_connections (100) (issue 20, bench/runners: 4 runners at 32 each ran out).
        builder.ConnectionStringBuilder.MaxPoolSize = MaxPoolSize;
        builder.EnableArrays();
        return builder.Build();
    }

    /// <summary>The database's answer, never the connection string (which holds the password).</summary>
    internal static RepositoryException Failure(string what, NpgsqlException ex) =>
        new($"{what}: {(ex is PostgresException pg ? $"{pg.MessageText} ({pg.SqlState})" : ex.Message)}", ex);

    public async Task<BackupEntry> AddAsync(NewBackupEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var snapshotHash = SnapshotFingerprint.Compute(entry.Snapshot);
        try
        {
            await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            bool? unchanged = null;
            if (entry.Identity.SerialNumber is { } serial && snapshotHash is not null)
            {
                await using var previous = new NpgsqlCommand(
                    $"SELECT pg_advisory_xact_lock({PostgresCatalogSchema.LockClass}, hashtext(@serial));", connection, transaction);
                previous.Parameters.AddWithValue("serial", serial);
                await previous.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                previous.CommandText =
                    "SELECT snapshot_sha256 FROM backups WHERE serial = @serial AND outcome = 'succeeded' AND NOT suspect "
                    + "AND taken_at_ms <= @at ORDER BY taken_at_ms DESC, id DESC LIMIT 1;";
                previous.Parameters.AddWithValue("at", entry.TakenAt.ToUnixTimeMilliseconds());
                if (await previous.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string previousHash)
                {
                    unchanged = string.Equals(previousHash, snapshotHash, StringComparison.Ordinal);
                }
            }

            // An id reserved for its record (ReserveIdAsync), or a rebuilt row's own (below the sequence): given explicitly.
            await using var insert = new NpgsqlCommand(
                entry.Id is null ? $"INSERT INTO backups ({RowColumns}) VALUES ({RowValues}) RETURNING id;"
                    : $"INSERT INTO backups (id, {RowColumns}) OVERRIDING SYSTEM VALUE VALUES (@id, {RowValues}) RETURNING id;",
                connection,
                transaction);
            var row = CatalogRow.From(0, entry, unchanged);
            BindRow(insert.Parameters, row, snapshotHash);
            if (entry.Id is { } chosen)
            {
                insert.Parameters.AddWithValue("id", chosen);
            }

            var id = (long)(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return row with { Id = id };
        }
        catch (NpgsqlException ex)
        {
            throw Failure($"cannot record the backup of {entry.Host} in the catalog", ex);
        }
    }

    public async Task<BackupEntry?> GetAsync(long id, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync($"SELECT {Columns} FROM backups WHERE id = @id;", p => p.AddWithValue("id", id), cancellationToken)
            .ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public Task<IReadOnlyList<BackupEntry>> ListAsync(BackupQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var where = new List<string>();
        if (query.Serial is not null)
        {
            where.Add("upper(serial) = upper(@serial)");
        }

        if (query.Host is not null)
        {
            where.Add("host = @host");
        }

        if (query.GoodOnly)
        {
            where.Add("outcome = 'succeeded'");
        }

        var sql = $"SELECT {Columns} FROM backups"
            + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : string.Empty)
            + " ORDER BY taken_at_ms DESC, id DESC"
            + (query.Limit is { } limit ? $" LIMIT {limit}" : string.Empty) + ";";
        return QueryAsync(
            sql,
            p =>
            {
                Text(p, "serial", query.Serial, onlyWhenSet: true);
                Text(p, "host", query.Host, onlyWhenSet: true);
            },
            cancellationToken);
    }

    public async Task<BackupEntry?> FindNewestGoodAsync(string serial, DateTimeOffset? atOrBefore, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(serial);
        var rows = await QueryAsync(
            $"SELECT {Columns} FROM backups WHERE upper(serial) = upper(@serial) AND outcome = 'succeeded' AND NOT suspect "
            + "AND taken_at_ms <= @at ORDER BY upper(serial), taken_at_ms DESC, id DESC LIMIT 1;",
            p =>
            {
                p.AddWithValue("serial", serial);
                p.AddWithValue("at", atOrBefore?.ToUnixTimeMilliseconds() ?? long.MaxValue);
            },
            cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <remarks>
    /// A loose index scan: the recursive part walks the distinct serials one index probe each, then one probe per
    /// serial finds its newest good row (partial index), so the cost grows with servers, not with rows.
    /// </remarks>
    public Task<IReadOnlyList<BackupEntry>> NewestGoodPerServerAsync(CancellationToken cancellationToken) =>
        QueryAsync(
            "WITH RECURSIVE k(s) AS ("
            + "(SELECT upper(serial) FROM backups WHERE serial IS NOT NULL ORDER BY upper(serial) LIMIT 1) UNION ALL "
            + "SELECT (SELECT upper(serial) FROM backups WHERE upper(serial) > k.s ORDER BY upper(serial) LIMIT 1) FROM k WHERE k.s IS NOT NULL) "
            + $"SELECT b.* FROM k CROSS JOIN LATERAL (SELECT {Columns} FROM backups WHERE upper(serial) = k.s AND outcome = 'succeeded' AND NOT suspect "
            + "ORDER BY upper(serial), taken_at_ms DESC, id DESC LIMIT 1) AS b WHERE k.s IS NOT NULL ORDER BY k.s;",
            _ => { },
            cancellationToken);

    public async Task<IReadOnlySet<string>> ReferencedObjectsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = _source.CreateCommand("SELECT DISTINCT sha256 FROM backups WHERE sha256 IS NOT NULL;");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var set = new HashSet<string>(StringComparer.Ordinal);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                set.Add(reader.GetString(0));
            }

            return set;
        }
        catch (NpgsqlException ex)
        {
            throw Failure("cannot read the catalog", ex);
        }
    }

    public async Task<int> DeleteAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        try
        {
            // One statement is one transaction: all of them go, or none.
            await using var command = _source.CreateCommand("DELETE FROM backups WHERE id = ANY(@ids);");
            command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = ids.ToArray() });
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw Failure("cannot remove entries from the catalog", ex);
        }
    }

    /// <summary>How many rows the catalog holds (recovery refuses to add to a catalog holding entries unless forced).</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand("SELECT count(*) FROM backups;");
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>The pooled connections of this catalog, for the leases and heartbeats that live beside it (<see cref="PostgresLeases"/>).</summary>
    internal NpgsqlDataSource Source => _source;

    public Task BeatAsync(string runner, string? currentRun, TimeSpan? interval, DateTimeOffset now, CancellationToken cancellationToken) =>
        RunnerHeartbeats.BeatAsync(_source, runner, currentRun, interval, now, cancellationToken);

    public Task<IReadOnlyList<RunnerHeartbeat>> RunnersAsync(CancellationToken cancellationToken) => RunnerHeartbeats.ListAsync(_source, cancellationToken);

    public ValueTask DisposeAsync() => _source.DisposeAsync();

    private async Task<IReadOnlyList<BackupEntry>> QueryAsync(
        string sql, Action<NpgsqlParameterCollection> bind, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = _source.CreateCommand(sql);
            bind(command.Parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var rows = new List<BackupEntry>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(CatalogRow.Read(reader));
            }

            return rows;
        }
        catch (NpgsqlException ex)
        {
            throw Failure("cannot read the catalog", ex);
        }
    }

    internal static void Text(NpgsqlParameterCollection p, string name, string? value, bool onlyWhenSet = false)
    {
        if (value is null && onlyWhenSet)
        {
            return;
        }

        p.Add(new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value });
    }
}
