namespace IloBackup.Engine.Fleet;

public enum HostStatus
{
    Succeeded,

    /// <summary>Nothing needed doing (e.g. <c>--stale-only</c> and the newest backup is current).</summary>
    Skipped,

    Failed,

    /// <summary>
    /// Another runner holds (or finished) this server's lease in this run (issue 20): it backs the server up, not this
    /// runner. Not a failure; the message names the runner ("taken by runner B").
    /// </summary>
    Taken,
}
