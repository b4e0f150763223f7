using IloBackup.Redfish.Sessions;

namespace IloBackup.Engine.Restore;

/// <summary>The iLO is back: a fresh session (dispose it), whether it was seen unreachable, and how long that took.</summary>
public sealed record ResetWaitResult(RedfishSession Session, bool SawUnreachable, TimeSpan Waited);
