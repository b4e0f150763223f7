using IloBackup.Engine.Identity;
using IloBackup.Engine.Inventory;

namespace IloBackup.Engine.Fleet;

/// <summary>
/// Sets <c>CustomBackupandRestore</c> on every iLO of a fleet (behaviour doc §6), one session each;
/// with <c>enable</c> null, only reads and reports each iLO's setting.
/// </summary>
public sealed class FleetCustomBackupJob(IIloConnector connector, FleetRunner runner, bool? enable)
{
    public Task<FleetReport> RunAsync(IReadOnlyList<InventoryHost> hosts, IProgress<FleetProgress>? progress, CancellationToken cancellationToken) =>
        runner.RunAsync(hosts, SetOneAsync, null, progress, cancellationToken);

    private async Task<HostResult> SetOneAsync(InventoryHost host, CancellationToken cancellationToken)
    {
        var connection = await connector.ConnectAsync(host, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var change = await connection.SetCustomBackupAsync(enable, cancellationToken).ConfigureAwait(false);
            var identity = change.Identity;
            if (enable is null)
            {
                var state = change.EnabledAfter switch { true => "enabled", false => "disabled", null => "not available" };
                return new HostResult
                {
                    Identity = identity,
                    Message = change.Note is null ? $"custom backup {state}" : $"custom backup {state} ({change.Note})",
                };
            }

            var word = enable == true ? "enabled" : "disabled";
            if (change.EnabledAfter != enable)
            {
                return new HostResult
                {
                    Status = HostStatus.Failed,
                    Identity = IloIdentity.Unknown with { SerialNumber = identity.SerialNumber, FirmwareVersion = identity.FirmwareVersion },
                    Message = $"custom backup still {(change.EnabledAfter == true ? "enabled" : "disabled")} after the change",
                };
            }

            return new HostResult
            {
                Identity = identity,
                Message = change.Note is null ? $"custom backup {word}" : $"custom backup {word} ({change.Note})",
            };
        }
    }
}
