namespace IloBackup.Emulator.Registries;

/// <summary>
/// HPE's own iLO message registry as the emulator serves it under <c>/redfish/v1/Registries/iLO</c>:
/// the iLO message ids the emulator answers with and their arguments (from HPE's iLO 5 message
/// registry, HewlettPackard/ilo-rest-api-docs <c>source/includes/_ilo5_msgregs.md</c>), with texts
/// and resolutions written for this project (docs/emulator.md, "Error bodies").
/// </summary>
public static class IloRegistry
{
    public const string Prefix = "iLO";

    /// <summary>Our choice of minor version: HPE's iLOrest documentation shows <c>iLO.2.8</c> on older firmware.</summary>
    public const string Version = "2.14.0";

    /// <summary><c>iLO.2.14.</c>: the start of every iLO message id the emulator sends.</summary>
    public const string IdPrefix = "iLO.2.14.";

    public static IReadOnlyList<RegistryMessage> Messages { get; } =
    [
        new("PropertyNotWritableOrUnknown", ["string"], "Warning", "%1 is either read-only or not a property of this resource: it cannot be set.", "Leave the property out of the body (see the resource's schema for what can be changed)."),
        new("ResetInProgress", [], "Warning", "The iLO is resetting.", "Wait until the iLO answers again, then repeat the request."),
    ];
}
