namespace IloBackup.Emulator.Redfish.Metadata;

/// <summary>Endpoint metadata: a GET that changes something; never crawled or expanded, listed with this type.</summary>
public sealed record SideEffectsMetadata(string ODataType);
