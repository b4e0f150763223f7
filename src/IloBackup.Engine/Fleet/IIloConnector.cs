using IloBackup.Engine.Inventory;

namespace IloBackup.Engine.Fleet;

/// <summary>
/// How the fleet reaches one iLO: the seam between the fleet (which decides what to do with many
/// iLOs) and the single-iLO engine (which knows how to talk to one). Production code adapts the
/// Redfish client; tests substitute their own.
/// </summary>
public interface IIloConnector
{
    /// <summary>Logs in to the iLO of <paramref name="host"/>; disposing the connection logs out.</summary>
    Task<IIloConnection> ConnectAsync(InventoryHost host, CancellationToken cancellationToken);
}
