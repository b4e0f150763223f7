using Npgsql;

namespace IloBackup.Engine.Repository.Postgres;

/// <summary>Rows copied in from another catalog with their ids (<c>repo migrate</c>).</summary>
public sealed partial class PostgresBackupCatalog
{
    /// <remarks>
    /// The id column is an identity (<c>GENERATED ALWAYS</c>): an explicit id needs <c>OVERRIDING SYSTEM VALUE</c>, and
    /// the sequence is then moved up to it (never down), in the same transaction, so the next backup's id is past it.
    /// </remarks>
    public async Task<bool> ImportAsync(BackupEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        try
        {
            await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var insert = new NpgsqlCommand(
                $"INSERT INTO backups (id, {RowColumns}) OVERRIDING SYSTEM VALUE VALUES (@id, {RowValues}) ON CONFLICT (id) DO NOTHING;",
                connection,
                transaction);
            insert.Parameters.AddWithValue("id", entry.Id);
            BindRow(insert.Parameters, entry);
            var inserted = await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            await using (var ahead = new NpgsqlCommand(
                "SELECT setval(s, GREATEST(@id, coalesce(pg_sequence_last_value(s), 0)), true) "
                + "FROM (SELECT pg_get_serial_sequence('backups', 'id')::regclass AS s) q;",
                connection,
                transaction))
            {
                ahead.Parameters.AddWithValue("id", entry.Id);
                await ahead.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return inserted;
        }
        catch (NpgsqlException ex)
        {
            throw Failure($"cannot import entry {entry.Id} into the catalog", ex);
        }
    }
}
