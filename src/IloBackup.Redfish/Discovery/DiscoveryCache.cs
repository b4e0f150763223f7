using System.Text.Json.Nodes;

namespace IloBackup.Redfish.Discovery;

/// <summary>
/// What discovery found in one session: the manager's and the system's paths and resources. They do not change while a session lives (a reset ends the session), so a backup, its
/// identity check and its snapshot find them once instead of once each (issue 5, fleet speed).
/// </summary>
internal sealed class DiscoveryCache
{
    public string? ManagerPath { get; set; }

    /// <summary>The manager as first read: only its links are used from it.</summary>
    public JsonObject? Manager { get; set; }

    public bool SystemKnown { get; set; }

    public string? SystemPath { get; set; }

    /// <summary>The system as first read (identity and power settings).</summary>
    public JsonObject? System { get; set; }
}
