using IloBackup.Engine.Identity;
using IloBackup.Engine.Inventory;
using IloBackup.Engine.Repository;

namespace IloBackup.Engine.Fleet;

/// <summary>
/// Backs up a fleet into a repository: per iLO one session (always logged out), the backup downloaded
/// into the repository's sink (one rename into the object store), one catalog entry per attempt (failures too), and
/// the firmware check HPE recommends (a backup after every firmware update).
/// </summary>
public sealed class FleetBackupJob(BackupRepository repository, IIloConnector connector, FleetRunner runner, FleetBackupOptions options)
{
    /// <summary>Backs up every host, then (like every writing run) saves the catalog copy.</summary>
    public async Task<FleetReport> RunAsync(IReadOnlyList<InventoryHost> hosts, IProgress<FleetProgress>? progress, CancellationToken cancellationToken)
    {
        var report = await runner.RunAsync(hosts, BackupOneAsync, options.RecordFailures ? RecordFailureAsync : null, progress, cancellationToken)
            .ConfigureAwait(false);
        await repository.SaveCatalogCopyAsync(cancellationToken).ConfigureAwait(false);
        return report;
    }

    private async Task<HostResult> BackupOneAsync(InventoryHost host, CancellationToken cancellationToken)
    {
        var connection = await connector.ConnectAsync(host, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            BackupEntry? previous = null;
            if (options.StaleOnly)
            {
                var now = await connection.ReadIdentityAsync(cancellationToken).ConfigureAwait(false);
                previous = now.SerialNumber is null ? null : await repository.FindNewestGoodAsync(now.SerialNumber, null, cancellationToken).ConfigureAwait(false);
                if (previous is not null && !IsStale(previous, now))
                {
                    return new HostResult
                    {
                        Status = HostStatus.Skipped, Identity = now, WasStale = false, PreviousFirmware = previous.Identity.FirmwareVersion,
                        BackupId = previous.Id, Message = $"current: backup {previous.Id} was taken on firmware {previous.Identity.FirmwareVersion}",
                    };
                }
            }

            using var sink = repository.CreateSink(host.Address);
            var identity = (await connection.BackupAsync(sink, cancellationToken).ConfigureAwait(false)).Identity;
            var entry = sink.Entry!;
            if (!options.StaleOnly)
            {
                previous = sink.Previous;
            }

            return new HostResult
            {
                Identity = identity, BackupId = entry.Id, Sha256 = entry.Sha256, Size = entry.Size, SnapshotUnchanged = entry.SnapshotUnchanged,
                Suspect = entry.Suspect, SuspectReason = entry.SuspectReason,
                WasStale = previous is not null && IsStale(previous, identity), FirstBackup = previous is null, PreviousFirmware = previous?.Identity.FirmwareVersion,
                Message = previous is null ? "first backup" : IsStale(previous, identity) ? $"firmware {previous.Identity.FirmwareVersion} → {identity.FirmwareVersion}" : null,
            };
        }
    }

    private async Task RecordFailureAsync(HostOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome.Status != HostStatus.Failed)
        {
            return;
        }

        await repository.AddFailureAsync(
            new NewBackupEntry
            {
                Host = outcome.Host.Address,
                Outcome = BackupOutcome.Failed,
                TakenAt = repository.TimeProvider.GetUtcNow(),
                Identity = IloIdentity.OfSerial(outcome.Result?.Identity.SerialNumber ?? outcome.Host.Serial),
                FailureReason = outcome.Reason ?? "failed",
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static bool IsStale(BackupEntry previous, IloIdentity now) =>
        FirmwareVersion.IsOlder(previous.Identity.IloGeneration, previous.Identity.FirmwareVersion, now.IloGeneration, now.FirmwareVersion);
}
