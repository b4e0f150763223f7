using System.Data.Common;
using IloBackup.Engine.Identity;

namespace IloBackup.Engine.Repository;

/// <summary>Maps catalog rows to <see cref="BackupEntry"/> (column order of <see cref="SqliteBackupCatalog"/>; SQLite's 0/1 flags or PostgreSQL's booleans).</summary>
internal static class CatalogRow
{
    public static BackupEntry Read(DbDataReader r) => new()
    {
        Id = r.GetInt64(0),
        Host = r.GetString(1),
        Outcome = r.GetString(2) == "succeeded" ? BackupOutcome.Succeeded : BackupOutcome.Failed,
        TakenAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)),
        Identity = new IloIdentity(Text(r, 4), Text(r, 5), Text(r, 6), Text(r, 7), Text(r, 8)),
        FileName = Text(r, 9),
        Sha256 = Text(r, 10),
        Size = r.IsDBNull(11) ? null : r.GetInt64(11),
        PasswordProtected = Flag(r, 12),
        Snapshot = Text(r, 13),
        SnapshotUnchanged = r.IsDBNull(14) ? null : Flag(r, 14),
        FailureReason = Text(r, 15),
        Suspect = Flag(r, 16),
        RecordId = Text(r, 17),
        SuspectReason = Text(r, 18),
        Runner = r.FieldCount > 19 ? Text(r, 19) : null,
        RunId = r.FieldCount > 20 ? Text(r, 20) : null,
    };

    public static BackupEntry From(long id, NewBackupEntry e, bool? unchanged) => new()
    {
        Id = id,
        Host = e.Host,
        Outcome = e.Outcome,
        TakenAt = DateTimeOffset.FromUnixTimeMilliseconds(e.TakenAt.ToUnixTimeMilliseconds()),
        Identity = e.Identity,
        FileName = e.FileName,
        Sha256 = e.Sha256,
        Size = e.Size,
        PasswordProtected = e.PasswordProtected,
        Snapshot = e.Snapshot,
        SnapshotUnchanged = unchanged,
        FailureReason = e.FailureReason,
        Suspect = e.Suspect,
        RecordId = e.RecordId,
        SuspectReason = e.SuspectReason,
        Runner = e.Runner,
        RunId = e.RunId,
    };

    private static bool Flag(DbDataReader r, int i) => r.GetFieldType(i) == typeof(bool) ? r.GetBoolean(i) : r.GetInt64(i) != 0;

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
