namespace IloBackup.Emulator.Ilo;

/// <summary>The iLO security state: state, never configuration, never restored (§4).</summary>
public enum IloSecurityState
{
    Production,
    HighSecurity,
    FIPS,
    /// <summary>CNSA / SuiteB.</summary>
    SuiteB,
}
