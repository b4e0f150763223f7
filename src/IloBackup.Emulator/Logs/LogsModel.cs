using IloBackup.Emulator.Ilo;

namespace IloBackup.Emulator.Logs;

/// <summary>Clearing the iLO Event Log and the IML: the log empties and its first entry says who cleared it, in one <see cref="VirtualIlo.Change"/>.</summary>
public sealed class LogsModel(VirtualIlo ilo)
{
    public void ClearEventLog(string by) => ilo.Change(c =>
    {
        c.State = c.State with { EventLog = [] };
        c.Log($"Event log cleared by {by}.");
    });

    public void ClearIml(string by) => ilo.Change(c =>
    {
        c.State = c.State with { Iml = [] };
        c.LogIml($"IML cleared by {by}.");
    });
}
