namespace IloBackup.Engine.Repository;

/// <summary>One object as a store lists it: its name, size and when it was last written (orphan grace).</summary>
public sealed record StoredObjectInfo(string Name, long Size, DateTimeOffset LastModified);
