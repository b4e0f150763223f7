namespace IloBackup.Engine.Repository;

/// <summary>A file in the object store: its lower-case hex SHA-256 and its size in bytes.</summary>
public sealed record StoredObject(string Sha256, long Size);
