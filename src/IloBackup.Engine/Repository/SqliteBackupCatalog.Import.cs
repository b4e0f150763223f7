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
            insert.CommandText =
                "INSERT INTO backups (id, host, outcome, taken_at_ms, serial, product, product_id, generation, firmware, file_name, "
                + "sha256, size, password_protected, snapshot, snapshot_sha256, snapshot_unchanged, failure_reason, suspect, record_id, suspect_reason, runner, run_id) VALUES "
                + "($id, $host, $outcome, $at, $serial, $product, $productId, $generation, $firmware, $fileName, $sha256, $size, "
                + "$protected, $snapshot, $snapshotSha, $unchanged, $reason, $suspect, $record, $suspectReason, $runner, $runId) ON CONFLICT (id) DO NOTHING;";
            var p = insert.Parameters;
            p.AddWithValue("$id", entry.Id);
            p.AddWithValue("$host", entry.Host);
            p.AddWithValue("$outcome", entry.Outcome == BackupOutcome.Succeeded ? "succeeded" : "failed");
            p.AddWithValue("$at", entry.TakenAt.ToUnixTimeMilliseconds());
            p.AddWithValue("$serial", (object?)entry.Identity.SerialNumber ?? DBNull.Value);
            p.AddWithValue("$product", (object?)entry.Identity.ProductName ?? DBNull.Value);
            p.AddWithValue("$productId", (object?)entry.Identity.ProductId ?? DBNull.Value);
            p.AddWithValue("$generation", (object?)entry.Identity.IloGeneration ?? DBNull.Value);
            p.AddWithValue("$firmware", (object?)entry.Identity.FirmwareVersion ?? DBNull.Value);
            p.AddWithValue("$fileName", (object?)entry.FileName ?? DBNull.Value);
            p.AddWithValue("$sha256", (object?)entry.Sha256 ?? DBNull.Value);
            p.AddWithValue("$size", (object?)entry.Size ?? DBNull.Value);
            p.AddWithValue("$protected", entry.PasswordProtected ? 1 : 0);
            p.AddWithValue("$snapshot", (object?)entry.Snapshot ?? DBNull.Value);
            p.AddWithValue("$snapshotSha", (object?)SnapshotFingerprint.Compute(entry.Snapshot) ?? DBNull.Value);
            p.AddWithValue("$unchanged", entry.SnapshotUnchanged is { } unchanged ? unchanged ? 1 : 0 : DBNull.Value);
            p.AddWithValue("$reason", (object?)entry.FailureReason ?? DBNull.Value);
            p.AddWithValue("$suspect", entry.Suspect ? 1 : 0);
            p.AddWithValue("$record", (object?)entry.RecordId ?? DBNull.Value);
            p.AddWithValue("$suspectReason", (object?)entry.SuspectReason ?? DBNull.Value);
            p.AddWithValue("$runner", (object?)entry.Runner ?? DBNull.Value);
            p.AddWithValue("$runId", (object?)entry.RunId ?? DBNull.Value);
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
