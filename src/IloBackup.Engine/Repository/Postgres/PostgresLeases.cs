using IloBackup.Engine.Fleet.Leases;
using Npgsql;

namespace IloBackup.Engine.Repository.Postgres;

/// <summary>
/// Leases in the PostgreSQL catalog's <c>leases</c> table, keyed by (upper-cased serial, run). A free lease is taken with
/// <c>INSERT … ON CONFLICT DO NOTHING</c>; a held one is read <c>FOR UPDATE SKIP LOCKED</c> and taken over only when it
/// has expired, so two runners never both hold it. Expiry is measured on the runners' clocks (the given
/// <see cref="TimeProvider"/>; runners' clocks must agree to well within a lease's duration: NTP).
/// </summary>
public sealed class PostgresLeases : IRunLeases
{
    private readonly NpgsqlDataSource _source;
    private readonly TimeProvider _time;
    private readonly TimeSpan? _interval;
    private long _waitTicks;

    internal PostgresLeases(NpgsqlDataSource source, string runId, string runner, TimeSpan duration, TimeProvider time, TimeSpan? interval)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentException.ThrowIfNullOrEmpty(runner);
        if (duration <= TimeSpan.Zero)
        {
            throw new ArgumentException("a lease must last a positive time", nameof(duration));
        }

        _source = source;
        RunId = runId;
        Runner = runner;
        Duration = duration;
        _time = time;
        _interval = interval;
    }

    public string Runner { get; }
    public string RunId { get; }
    public TimeSpan Duration { get; }
    public TimeSpan WaitTime => TimeSpan.FromTicks(Interlocked.Read(ref _waitTicks));

    /// <summary>The leases of a repository whose catalog is PostgreSQL; null for any other catalog (SQLite: one machine, no leases).</summary>
    public static IRunLeases? For(BackupRepository repository, string runId, string runner, TimeSpan duration, TimeSpan? scheduleInterval = null)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return repository.Catalog is PostgresBackupCatalog pg
            ? new PostgresLeases(pg.Source, runId, runner, duration, repository.TimeProvider, scheduleInterval)
            : null;
    }

    public async Task<LeaseClaim> TryTakeAsync(string serial, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(serial);
        var started = _time.GetTimestamp();
        try
        {
            var now = Now();
            await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (var insert = new NpgsqlCommand(
                "INSERT INTO leases (serial, run_id, runner, state, taken_at_ms, expires_at_ms) VALUES (upper(@serial), @run, @runner, 'running', @now, @expires) "
                + "ON CONFLICT (serial, run_id) DO NOTHING;",
                connection))
            {
                Bind(insert, serial, now);
                if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
                {
                    return Mine(now);
                }
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var select = new NpgsqlCommand(
                "SELECT runner, state, expires_at_ms, backup_id FROM leases WHERE serial = upper(@serial) AND run_id = @run FOR UPDATE SKIP LOCKED;",
                connection,
                transaction);
            Bind(select, serial, now);
            var claim = await ReadAsync(select, now, cancellationToken).ConfigureAwait(false);
            if (claim is null)
            {
                // Another runner is changing it at this moment: it is theirs.
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return await LookAsync(serial, cancellationToken).ConfigureAwait(false)
                    ?? new LeaseClaim(LeaseState.Running, "another runner", now, null);
            }

            if (claim.State == LeaseState.Expired && await RecordedAsync(connection, transaction, serial, cancellationToken).ConfigureAwait(false) is { } done)
            {
                // The holder stored the backup and died before marking its lease: the row is the truth, not the lease.
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return done;
            }

            if (claim.State is LeaseState.Expired or LeaseState.Mine)
            {
                select.CommandText = "UPDATE leases SET runner = @runner, taken_at_ms = @now, expires_at_ms = @expires WHERE serial = upper(@serial) AND run_id = @run;";
                await select.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return Mine(now) with { TakenOverFrom = claim.State == LeaseState.Expired ? claim.Runner : null };
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return claim;
        }
        catch (NpgsqlException ex)
        {
            throw PostgresBackupCatalog.Failure($"cannot take the lease of server {serial} in run {RunId}", ex);
        }
        finally
        {
            Interlocked.Add(ref _waitTicks, _time.GetElapsedTime(started).Ticks);
        }
    }

    /// <summary>A good row of this server in this run, if one was committed; the lease is then marked with it.</summary>
    private async Task<LeaseClaim?> RecordedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string serial, CancellationToken cancellationToken)
    {
        long id;
        string runner;
        await using (var find = new NpgsqlCommand(
            "SELECT id, coalesce(runner, '') FROM backups WHERE run_id = @run AND upper(serial) = upper(@serial) AND outcome = 'succeeded' ORDER BY id LIMIT 1;",
            connection,
            transaction))
        {
            find.Parameters.AddWithValue("serial", serial);
            find.Parameters.AddWithValue("run", RunId);
            await using var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            (id, runner) = (reader.GetInt64(0), reader.GetString(1));
        }

        await using var mark = new NpgsqlCommand(
            "UPDATE leases SET state = 'succeeded', backup_id = @backup WHERE serial = upper(@serial) AND run_id = @run;", connection, transaction);
        mark.Parameters.AddWithValue("serial", serial);
        mark.Parameters.AddWithValue("run", RunId);
        mark.Parameters.AddWithValue("backup", id);
        await mark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return new LeaseClaim(LeaseState.Succeeded, runner, Now(), id);
    }

    public async Task<LeaseClaim?> LookAsync(string serial, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(serial);
        try
        {
            var now = Now();
            await using var command = _source.CreateCommand(
                "SELECT runner, state, expires_at_ms, backup_id FROM leases WHERE serial = upper(@serial) AND run_id = @run;");
            Bind(command, serial, now);
            return await ReadAsync(command, now, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw PostgresBackupCatalog.Failure($"cannot read the lease of server {serial} in run {RunId}", ex);
        }
    }

    public async Task RenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = Now();
            await using var batch = _source.CreateBatch();
            var renew = new NpgsqlBatchCommand(
                "UPDATE leases SET expires_at_ms = @expires WHERE run_id = @run AND runner = @runner AND state = 'running' AND expires_at_ms > @now;");
            renew.Parameters.AddWithValue("expires", (now + Duration).ToUnixTimeMilliseconds());
            renew.Parameters.AddWithValue("run", RunId);
            renew.Parameters.AddWithValue("runner", Runner);
            renew.Parameters.AddWithValue("now", now.ToUnixTimeMilliseconds());
            batch.BatchCommands.Add(renew);
            batch.BatchCommands.Add(RunnerHeartbeats.Beat(Runner, RunId, now, _interval));
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw PostgresBackupCatalog.Failure($"cannot renew the leases of run {RunId}", ex);
        }
    }

    public async Task ReleaseAsync(string serial, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(serial);
        try
        {
            await using var command = _source.CreateCommand(
                "DELETE FROM leases WHERE serial = upper(@serial) AND run_id = @run AND runner = @runner AND state = 'running';");
            Bind(command, serial, Now());
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw PostgresBackupCatalog.Failure($"cannot give back the lease of server {serial} in run {RunId}", ex);
        }
    }

    public async Task FinishAsync(string serial, bool succeeded, long? backupId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(serial);
        try
        {
            await using var command = _source.CreateCommand(
                "UPDATE leases SET state = @state, backup_id = @backup WHERE serial = upper(@serial) AND run_id = @run AND runner = @runner;");
            Bind(command, serial, Now());
            command.Parameters.AddWithValue("state", succeeded ? "succeeded" : "failed");
            command.Parameters.Add(new NpgsqlParameter("backup", NpgsqlTypes.NpgsqlDbType.Bigint) { Value = (object?)backupId ?? DBNull.Value });
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw PostgresBackupCatalog.Failure($"cannot finish the lease of server {serial} in run {RunId}", ex);
        }
    }

    private DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds());

    private LeaseClaim Mine(DateTimeOffset now) => new(LeaseState.Mine, Runner, now + Duration, null);

    private void Bind(NpgsqlCommand command, string serial, DateTimeOffset now)
    {
        command.Parameters.AddWithValue("serial", serial);
        command.Parameters.AddWithValue("run", RunId);
        command.Parameters.AddWithValue("runner", Runner);
        command.Parameters.AddWithValue("now", now.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("expires", (now + Duration).ToUnixTimeMilliseconds());
    }

    private async Task<LeaseClaim?> ReadAsync(NpgsqlCommand command, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var runner = reader.GetString(0);
        var expires = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2));
        long? backup = reader.IsDBNull(3) ? null : reader.GetInt64(3);
        var state = reader.GetString(1) switch
        {
            "succeeded" => LeaseState.Succeeded,
            "failed" => LeaseState.Failed,
            _ when string.Equals(runner, Runner, StringComparison.Ordinal) => LeaseState.Mine,
            _ when expires <= now => LeaseState.Expired,
            _ => LeaseState.Running,
        };
        return new LeaseClaim(state, runner, expires, backup);
    }
}
