using Microsoft.Data.Sqlite;

namespace IloBackup.Engine.Repository;

/// <summary>
/// Ids: never handed out twice. SQLite's AUTOINCREMENT keeps the highest id ever inserted in <c>sqlite_sequence</c>; every
/// row is inserted under an id this catalog chose (its counter, read once from there), so an id reserved for a record
/// before its row (<see cref="ReserveIdAsync"/>) is not given to another row meanwhile (one writer: the lock file).
/// </summary>
public sealed partial class SqliteBackupCatalog
{
    private long _nextId; // 0: not read yet; only under the gate

    public async Task<long> ReserveIdAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return TakeId(null);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<long> HighestIdAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Math.Max(ReadHighWater(), _nextId - 1);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task ReserveThroughAsync(long id, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText =
                "INSERT INTO sqlite_sequence (name, seq) SELECT 'backups', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'backups'); "
                + "UPDATE sqlite_sequence SET seq = max(seq, $id) WHERE name = 'backups';";
            command.Parameters.AddWithValue("$id", id);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (_nextId != 0)
            {
                _nextId = Math.Max(_nextId, id + 1);
            }
        }
        catch (SqliteException ex)
        {
            throw new RepositoryException($"cannot move the catalog's ids past {id}: {ex.Message}", ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Under the gate: the id of the next row, <paramref name="chosen"/> when given (the counter moves past it).</summary>
    private long TakeId(long? chosen)
    {
        if (_nextId == 0)
        {
            _nextId = ReadHighWater() + 1;
        }

        if (chosen is { } id)
        {
            _nextId = Math.Max(_nextId, id + 1);
            return id;
        }

        return _nextId++;
    }

    private long ReadHighWater()
    {
        using var command = _connection.CreateCommand();
        command.CommandText =
            "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'backups'), 0), coalesce((SELECT max(id) FROM backups), 0));";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
