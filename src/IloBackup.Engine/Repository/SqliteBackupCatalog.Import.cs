using Microsoft.Data.Sqlite;

namespace IloBackup.Engine.Repository;

/// <summary>Rows copied in from another catalog with their ids (<c>repo migrate</c>).</summary>
public sealed partial class SqliteBackupCatalog
{
    /// <remarks>
    /// An explicit id in an AUTOINCREMENT table moves <c>sqlite_sequence</c> up to it when it is higher, so the next
    /// backup's id is past every imported one.
    /// </remarks>
    public async Task<bool> ImportAsync(BackupEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var insert = _connection.CreateCommand();
            insert.CommandText = $"INSERT INTO backups (id, {RowColumns}) VALUES ($id, {RowValues}) ON CONFLICT (id) DO NOTHING;";
            insert.Parameters.AddWithValue("$id", TakeId(entry.Id));
            BindRow(insert.Parameters, entry);
            return await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }
        catch (SqliteException ex)
        {
            throw new RepositoryException($"cannot import entry {entry.Id} into the catalog: {ex.Message}", ex);
        }
        finally
        {
            _gate.Release();
        }
    }
}
