using IloBackup.Engine.Inventory;

namespace IloBackup.Engine.Fleet;

/// <summary>Sets <c>CustomBackupandRestore</c> on every iLO of a fleet (behaviour doc §6), one session each.</summary>
public sealed class FleetCustomBackupJob(IIloConnector connector, FleetRunner runner, bool enable)
{
    public Task<FleetReport> RunAsync(IReadOnlyList<InventoryHost> hosts, IProgress<FleetProgress>? progress, CancellationToken cancellationToken) =>
        runner.RunAsync(hosts, SetOneAsync, null, progress, cancellationToken);

    private async Task<HostResult> SetOneAsync(InventoryHost host, CancellationToken cancellationToken)
    {
        var connection = await connector.ConnectAsync(host, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var facts = await connection.ReadFactsAsync(cancellationToken).ConfigureAwait(false);
            var before = await connection.SetCustomBackupAsync(enable, cancellationToken).ConfigureAwait(false);
            var word = enable ? "enabled" : "disabled";
            return new HostResult
            {
                Serial = facts.Serial, Product = facts.Product, Generation = facts.Generation, Firmware = facts.Firmware,
                Message = before == enable ? $"custom backup already {word}" : $"custom backup {word}",
            };
        }
    }
}
