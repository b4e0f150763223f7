namespace IloBackup.Emulator.Ilo;

/// <summary>The iLO security state: state, never configuration, never restored (§4).</summary>
public enum IloSecurityState
{
    Production,
    HighSecurity,
    /// <summary>iLO 7's default state (in place of Production).</summary>
    SecureStandard,
    FIPS,
    /// <summary>CNSA / SuiteB.</summary>
    SuiteB,
}
