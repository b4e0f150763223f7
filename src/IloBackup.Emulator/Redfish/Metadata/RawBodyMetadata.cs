namespace IloBackup.Emulator.Redfish.Metadata;

/// <summary>Endpoint metadata: the handler writes a raw (binary or multipart) answer; no query options, no JSON rendering.</summary>
public sealed class RawBodyMetadata
{
    public static RawBodyMetadata Instance { get; } = new();

    private RawBodyMetadata()
    {
    }
}
