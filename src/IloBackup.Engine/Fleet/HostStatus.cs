namespace IloBackup.Engine.Fleet;

public enum HostStatus
{
    Succeeded,

    /// <summary>Nothing needed doing (e.g. <c>--stale-only</c> and the newest backup is current).</summary>
    Skipped,

    Failed,
}
