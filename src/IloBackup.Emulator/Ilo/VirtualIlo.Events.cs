namespace IloBackup.Emulator.Ilo;

public sealed partial class VirtualIlo
{
    /// <summary>
    /// Raised after the configuration changed and was persisted, outside the iLO's lock (the
    /// always-present internal backup of recent firmware starts on it).
    /// </summary>
    public event EventHandler? ConfigurationChanged;
}
