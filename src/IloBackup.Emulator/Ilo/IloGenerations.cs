namespace IloBackup.Emulator.Ilo;

/// <summary>
/// What differs between the iLO generations the emulator plays (5, 6 and 7), in one table: default
/// firmware, products, the <c>ComputerSystem</c> version served, the security states and the
/// default one, and which firmware keeps the always-present internal backup. Sources in
/// docs/emulator.md, "iLO generations".
/// </summary>
public static class IloGenerations
{
    /// <summary>The generations the emulator plays.</summary>
    public static IReadOnlyList<int> Supported { get; } = [5, 6, 7];

    public static bool IsSupported(int generation) => generation is 5 or 6 or 7;

    /// <summary>The firmware an iLO of <paramref name="generation"/> reports unless told: 2.78, 1.59, 1.12.00.</summary>
    public static string DefaultFirmware(int generation) => generation switch
    {
        >= 7 => "1.12.00",
        6 => "1.59",
        _ => "2.78",
    };

    /// <summary>The form of a firmware version, for messages.</summary>
    public static string FirmwareForm(int generation) => generation >= 7 ? "1.12.00" : "2.78";

    /// <summary>Whether <paramref name="version"/> is written as <paramref name="generation"/> writes it (<c>1.12.00</c> on iLO 7, <c>2.78</c> before).</summary>
    public static bool IsFirmwareForm(int generation, string? version) =>
        IloFirmware.TryParse(version, out var firmware) && (firmware.Patch is not null) == (generation >= 7);

    /// <summary>The servers that carry the generation (name and product id).</summary>
    internal static IReadOnlyList<(string Name, string Id)> Products(int generation) => generation switch
    {
        >= 7 => [("ProLiant DL360 Gen12", "P65210-B21"), ("ProLiant DL380 Gen12", "P65215-B21")],
        6 => [("ProLiant DL360 Gen11", "P52499-B21"), ("ProLiant DL380 Gen11", "P52534-B21")],
        _ =>
        [
            ("ProLiant DL360 Gen10 Plus", "P19766-B21"),
            ("ProLiant DL380 Gen10", "868703-B21"),
            ("ProLiant DL360 Gen10", "867959-B21"),
            ("ProLiant DL380 Gen10 Plus", "P05172-B21"),
        ],
    };

    /// <summary>The <c>@odata.type</c> of <c>Systems/1</c>: v1_13_0 on iLO 5 and 6, v1_18_0 on iLO 7.</summary>
    public static string ComputerSystemType(int generation) =>
        generation >= 7 ? "#ComputerSystem.v1_18_0.ComputerSystem" : "#ComputerSystem.v1_13_0.ComputerSystem";

    /// <summary>The system ROM version <c>Systems/1</c> shows.</summary>
    internal static string BiosVersion(int generation) => generation switch
    {
        >= 7 => "A58 v1.12",
        6 => "U54 v1.48",
        _ => "U46 v2.80",
    };

    /// <summary>The security state out of the factory: Production before iLO 7, SecureStandard on iLO 7.</summary>
    public static IloSecurityState DefaultSecurityState(int generation) =>
        generation >= 7 ? IloSecurityState.SecureStandard : IloSecurityState.Production;

    /// <summary>The security states <c>HpeSecurityService</c> offers (<c>SecurityState@Redfish.AllowableValues</c>).</summary>
    public static IReadOnlyList<IloSecurityState> SecurityStates(int generation) => generation >= 7
        ? [IloSecurityState.SecureStandard, IloSecurityState.FIPS, IloSecurityState.SuiteB]
        : [IloSecurityState.Production, IloSecurityState.HighSecurity, IloSecurityState.FIPS, IloSecurityState.SuiteB];

    /// <summary>
    /// Whether the firmware keeps the always-present internal backup and defers resets while it
    /// makes one: iLO 5 from 3.16, iLO 6 from 1.71 (HPE advisory a00150678en_us), iLO 7 always
    /// <b>(our choice)</b>.
    /// </summary>
    public static bool HasInternalBackup(int generation, IloFirmware firmware) => generation switch
    {
        5 => firmware.IsAtLeast(3, 16),
        6 => firmware.IsAtLeast(1, 71),
        _ => generation >= 7,
    };
}
