using Npgsql;

namespace IloBackup.Engine.Repository.Postgres;

/// <summary>The <c>runners</c> table: one row per runner name, its last heartbeat (<see cref="RunnerHeartbeat"/>).</summary>
internal static class RunnerHeartbeats
{
    public static NpgsqlBatchCommand Beat(string runner, string? run, DateTimeOffset now, TimeSpan? interval)
    {
        var command = new NpgsqlBatchCommand(
            "INSERT INTO runners (runner, host, last_seen_ms, current_run, interval_ms) VALUES (@who, @machine, @seen, @current, @interval) "
            + "ON CONFLICT (runner) DO UPDATE SET host = excluded.host, last_seen_ms = excluded.last_seen_ms, current_run = excluded.current_run, "
            + "interval_ms = coalesce(excluded.interval_ms, runners.interval_ms);");
        command.Parameters.AddWithValue("who", runner);
        command.Parameters.AddWithValue("machine", Environment.MachineName);
        command.Parameters.AddWithValue("seen", now.ToUnixTimeMilliseconds());
        command.Parameters.Add(new NpgsqlParameter("current", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)run ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("interval", NpgsqlTypes.NpgsqlDbType.Bigint)
        {
            Value = interval is { } i ? (long)i.TotalMilliseconds : DBNull.Value,
        });
        return command;
    }

    public static async Task BeatAsync(NpgsqlDataSource source, string runner, string? run, TimeSpan? interval, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await using var batch = source.CreateBatch();
            batch.BatchCommands.Add(Beat(runner, run, now, interval));
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw PostgresBackupCatalog.Failure($"cannot write the heartbeat of runner {runner}", ex);
        }
    }

    public static async Task<IReadOnlyList<RunnerHeartbeat>> ListAsync(NpgsqlDataSource source, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = source.CreateCommand(
                "SELECT runner, host, last_seen_ms, current_run, interval_ms FROM runners ORDER BY runner;");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var list = new List<RunnerHeartbeat>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                list.Add(new RunnerHeartbeat(
                    reader.GetString(0),
                    reader.GetString(1),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : TimeSpan.FromMilliseconds(reader.GetInt64(4))));
            }

            return list;
        }
        catch (NpgsqlException ex)
        {
            throw PostgresBackupCatalog.Failure("cannot read the runners' heartbeats", ex);
        }
    }
}
