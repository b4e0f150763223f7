namespace IloBackup.Emulator.Redfish.Metadata;

/// <summary>Endpoint metadata: the most bytes a request body may have on this route (a larger announced body gets 413 before any byte is read).</summary>
public sealed record BodyLimitMetadata(long MaxBytes);
