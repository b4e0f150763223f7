namespace IloBackup.Emulator.Schemas;

/// <summary>A resource type the iLO serves: its <c>@odata.type</c>, one instance of it, and whether that instance takes PATCH.</summary>
internal sealed record ServedType(string ODataType, string? InstancePath, bool Writable);
