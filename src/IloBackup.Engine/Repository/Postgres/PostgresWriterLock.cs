using System.Globalization;
using Npgsql;

namespace IloBackup.Engine.Repository.Postgres;

/// <summary>
/// The writer's lock of a repository whose catalog is PostgreSQL: a session-level advisory lock, held on a
/// connection of its own for as long as the writer runs, in place of the <c>lock</c> file (<see cref="RepositoryLock"/>).
/// PostgreSQL releases it when that session ends, also when the process is killed. The holder writes who it is
/// (runner, host, PID, since when) into <c>writer_lock</c>; a second writer names it from there, but only while the
/// backend that wrote the row still holds the lock, so a row left by a killed writer says nothing wrong.
/// <para>
/// Several runners back up into one catalog at once (issue 20): a backup writer takes the lock <em>shared</em>
/// (<see cref="BackupRepositoryOptions.SharedWriter"/>); rows are independent and the catalog's per-serial advisory lock
/// serializes "snapshot unchanged". Prune, catalog rebuild/restore and migrate take it <em>exclusive</em>, so they wait
/// for (or refuse beside) every backup, and no backup starts while they run.
/// </para>
/// </summary>
public sealed class PostgresWriterLock : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
    private readonly NpgsqlDataSource _source;
    private readonly NpgsqlConnection _session;

    private PostgresWriterLock(NpgsqlDataSource source, NpgsqlConnection session)
    {
        _source = source;
        _session = session;
    }

    /// <summary>The lock for <see cref="BackupRepositoryOptions.WriterLockFactory"/>: the options' wait and time apply.</summary>
    public static Func<string, BackupRepositoryOptions, CancellationToken, Task<IAsyncDisposable>> Factory(PostgresCatalogAddress address, string runner) =>
        async (_, options, cancellationToken) =>
            await TakeAsync(address, runner, options.TimeProvider, options.LockWait, options.OnLockWait, cancellationToken, options.SharedWriter)
                .ConfigureAwait(false);

    /// <summary>
    /// Takes the lock, waiting up to <paramref name="wait"/> (infinite: <see cref="Timeout.InfiniteTimeSpan"/>; null: no wait) while
    /// another writer holds it, else throws naming the holder. Migrates the catalog's schema first (a writer would).
    /// </summary>
    public static async Task<PostgresWriterLock> TakeAsync(
        PostgresCatalogAddress address, string runner, TimeProvider time, TimeSpan? wait, Action<string>? waiting, CancellationToken cancellationToken,
        bool shared = false)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentException.ThrowIfNullOrEmpty(runner);
        ArgumentNullException.ThrowIfNull(time);
        var source = PostgresBackupCatalog.DataSource(address, "ilobackup writer lock", pooling: false);
        NpgsqlConnection? session = null;
        try
        {
            session = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            PostgresCatalogSchema.Migrate(session, readOnly: false);
            var started = time.GetTimestamp();
            var told = false;
            while (!await TryTakeAsync(session, shared, cancellationToken).ConfigureAwait(false))
            {
                var holder = await HolderAsync(session, cancellationToken).ConfigureAwait(false);
                if (wait is null)
                {
                    throw new RepositoryException(
                        $"{holder} is writing to the repository whose catalog is {address}: try again when it has finished, or wait for it with --wait");
                }

                if (wait != Timeout.InfiniteTimeSpan && time.GetElapsedTime(started) >= wait)
                {
                    throw new RepositoryException(
                        $"{holder} is still writing to the repository whose catalog is {address} after waiting {wait.Value.TotalSeconds:0} s");
                }

                if (!told)
                {
                    told = true;
                    waiting?.Invoke($"waiting for {holder} to finish writing to the repository whose catalog is {address}");
                }

                await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
            }

            if (shared)
            {
                return new PostgresWriterLock(source, session);
            }

            await using (var note = new NpgsqlCommand(
                "INSERT INTO writer_lock (runner, host, pid, since, backend_pid) VALUES (@runner, @host, @pid, @since, pg_backend_pid()) "
                + "ON CONFLICT (one) DO UPDATE SET runner = excluded.runner, host = excluded.host, pid = excluded.pid, "
                + "since = excluded.since, backend_pid = excluded.backend_pid;",
                session))
            {
                note.Parameters.AddWithValue("runner", runner);
                note.Parameters.AddWithValue("host", Environment.MachineName);
                note.Parameters.AddWithValue("pid", Environment.ProcessId);
                note.Parameters.AddWithValue("since", time.GetUtcNow().UtcDateTime);
                await note.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return new PostgresWriterLock(source, session);
        }
        catch (Exception e)
        {
            if (session is not null)
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }

            await source.DisposeAsync().ConfigureAwait(false);
            if (e is NpgsqlException npgsql)
            {
                throw PostgresBackupCatalog.Failure($"cannot take the writer's lock of the PostgreSQL catalog {address}", npgsql);
            }

            throw;
        }
    }

    /// <summary>Who holds the lock, in words ("another ilobackup (fleet backup on host1, pid 4242, since 2026-12-03 12:00:00Z)").</summary>
    public static async Task<string> HolderAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new NpgsqlCommand(
            "SELECT w.runner, w.host, w.pid, w.since FROM writer_lock w WHERE EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' "
            + $"AND l.classid = {PostgresCatalogSchema.LockClass} AND l.objid = {PostgresCatalogSchema.WriterLock} AND l.objsubid = 2 "
            + "AND l.granted AND l.pid = w.backend_pid);",
            connection);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var since = DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc);
                return string.Create(
                    CultureInfo.InvariantCulture,
                    $"another ilobackup ({reader.GetString(0)} on {reader.GetString(1)}, pid {reader.GetInt32(2)}, since {since:yyyy-MM-dd HH:mm:ss}Z)");
            }
        }

        command.CommandText = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
            + $"AND classid = {PostgresCatalogSchema.LockClass} AND objid = {PostgresCatalogSchema.SharedWriters} AND objsubid = 2 AND granted AND mode = 'ShareLock' "
            + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database());";
        var backups = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        return backups > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{backups} ilobackup runner(s) backing up")
            : "another ilobackup";
    }


    public async ValueTask DisposeAsync()
    {
        // Released here, before the session closes: a closed connection's backend lets its locks go only when it has
        // ended, which the next writer could overtake. (Closing releases them anyway if this fails.) The row stays and
        // says nothing once no backend holds the lock.
        try
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock_all();", _session);
            await unlock.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
        }

        await _session.DisposeAsync().ConfigureAwait(false);
        await _source.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Shared: the backup writers' lock in shared mode. Exclusive: the writer's lock (whose holder <c>writer_lock</c> names),
    /// then the backup writers' lock in exclusive mode; when backups hold that, the first is let go again.
    /// </summary>
    private static async Task<bool> TryTakeAsync(NpgsqlConnection session, bool shared, CancellationToken cancellationToken)
    {
        const int C = PostgresCatalogSchema.LockClass;
        await using var command = new NpgsqlCommand(
            shared ? $"SELECT pg_try_advisory_lock_shared({C}, {PostgresCatalogSchema.SharedWriters});"
                : $"SELECT pg_try_advisory_lock({C}, {PostgresCatalogSchema.WriterLock});",
            session);
        var taken = (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        if (!taken || shared)
        {
            return taken;
        }

        command.CommandText = $"SELECT pg_try_advisory_lock({C}, {PostgresCatalogSchema.SharedWriters});";
        if ((bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
        {
            return true;
        }

        command.CommandText = $"SELECT pg_advisory_unlock({C}, {PostgresCatalogSchema.WriterLock});";
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return false;
    }
}
