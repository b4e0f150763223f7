namespace IloBackup.Emulator.Ilo;

/// <summary>Shortcuts to the feature models, for scenarios and tests that set an iLO up directly.</summary>
public sealed partial class VirtualIlo
{
    /// <summary>See <see cref="Security.SecurityModel.SetSecurityState"/>.</summary>
    public void SetSecurityState(IloSecurityState securityState) => new Security.SecurityModel(this).SetSecurityState(securityState);

    /// <summary>See <see cref="Systems.PowerModel.SetPowerState"/>.</summary>
    public void SetPowerState(string powerState) => new Systems.PowerModel(this).SetPowerState(powerState);

    /// <summary>See <see cref="Systems.PowerModel.SetIndicatorLed"/>.</summary>
    public void SetIndicatorLed(string indicatorLed) => new Systems.PowerModel(this).SetIndicatorLed(indicatorLed);
}
