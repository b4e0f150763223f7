using Npgsql;

namespace IloBackup.Engine.Repository.Postgres;

/// <summary>Ids: the identity's sequence hands each out once (<c>nextval</c> is never rolled back, also after a crash).</summary>
public sealed partial class PostgresBackupCatalog
{
    private const string Sequence = "pg_get_serial_sequence('backups', 'id')::regclass";

    public async Task<long> ReserveIdAsync(CancellationToken cancellationToken) =>
        await ScalarAsync($"SELECT nextval({Sequence});", null, "cannot reserve a backup id", cancellationToken).ConfigureAwait(false);

    public async Task<long> HighestIdAsync(CancellationToken cancellationToken) =>
        await ScalarAsync(
            $"SELECT GREATEST(coalesce(pg_sequence_last_value({Sequence}), 0), coalesce((SELECT max(id) FROM backups), 0));",
            null,
            "cannot read the catalog's highest id",
            cancellationToken).ConfigureAwait(false);

    /// <remarks>Under the exclusive writer's lock (rebuild, migrate): the read and the move are not one atomic step.</remarks>
    public async Task ReserveThroughAsync(long id, CancellationToken cancellationToken)
    {
        if (id > 0)
        {
            await ScalarAsync(
                $"SELECT setval(s, GREATEST(@id, coalesce(pg_sequence_last_value(s), 0)), true) FROM (SELECT {Sequence} AS s) q;",
                id,
                $"cannot move the catalog's ids past {id}",
                cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<long> ScalarAsync(string sql, long? id, string what, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(sql, connection);
            if (id is { } value)
            {
                command.Parameters.AddWithValue("id", value);
            }

            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (NpgsqlException ex)
        {
            throw Failure(what, ex);
        }
    }
}
