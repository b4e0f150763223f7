namespace IloBackup.Emulator.Redfish.Metadata;

/// <summary>Endpoint metadata on every endpoint of a path: its methods (GET implies HEAD), for <c>Allow</c> and 405.</summary>
public sealed class AllowedMethodsMetadata(IReadOnlyList<string> methods)
{
    public IReadOnlyList<string> Methods { get; } = methods;

    /// <summary>The <c>Allow</c> header's value.</summary>
    public string Header { get; } = string.Join(", ", methods);
}
