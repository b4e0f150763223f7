namespace IloBackup.Engine.Repository;

/// <summary>One metadata record as a store lists it: the object it describes and its record id.</summary>
public sealed record StoredRecordKey(string Name, string RecordId);
