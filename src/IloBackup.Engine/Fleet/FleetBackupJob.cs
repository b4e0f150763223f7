using IloBackup.Engine.Identity;
using IloBackup.Engine.Inventory;
using IloBackup.Engine.Repository;

namespace IloBackup.Engine.Fleet;

/// <summary>
/// Backs up a fleet into a repository: per iLO one session (always logged out), the backup staged in
/// the repository and moved into the object store, one catalog entry per attempt (failures too), and
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
                var identity = await connection.ReadIdentityAsync(cancellationToken).ConfigureAwait(false);
                previous = identity.SerialNumber is null ? null : await repository.FindNewestGoodAsync(identity.SerialNumber, null, cancellationToken).ConfigureAwait(false);
                if (previous is not null && !IsStale(previous, identity))
                {
                    return new HostResult
                    {
                        Status = HostStatus.Skipped, Identity = identity, WasStale = false, PreviousFirmware = previous.Identity.FirmwareVersion,
                        BackupId = previous.Id, Message = $"current: backup {previous.Id} was taken on firmware {previous.Identity.FirmwareVersion}",
                    };
                }
            }

            var staging = repository.Objects.CreateStagingDirectory();
            try
            {
                var staged = await connection.BackupAsync(staging, cancellationToken).ConfigureAwait(false);
                var identity = staged.Identity;
                if (!options.StaleOnly && identity.SerialNumber is not null)
                {
                    previous = await repository.FindNewestGoodAsync(identity.SerialNumber, null, cancellationToken).ConfigureAwait(false);
                }

                var entry = await repository.AdoptBackupFileAsync(
                    new NewBackupEntry
                    {
                        Host = host.Address,
                        Outcome = BackupOutcome.Succeeded,
                        TakenAt = staged.TakenAt,
                        Identity = identity,
                        FileName = staged.FileName,
                        Sha256 = staged.Sha256,
                        Size = staged.Size,
                        PasswordProtected = staged.PasswordProtected,
                        Snapshot = staged.Snapshot,
                    },
                    staged.FilePath,
                    staged.IsSynced,
                    cancellationToken).ConfigureAwait(false);
                return new HostResult
                {
                    Identity = identity, BackupId = entry.Id, Sha256 = entry.Sha256, Size = entry.Size, SnapshotUnchanged = entry.SnapshotUnchanged,
                    WasStale = previous is not null && IsStale(previous, identity), FirstBackup = previous is null, PreviousFirmware = previous?.Identity.FirmwareVersion,
                    Message = previous is null ? "first backup" : IsStale(previous, identity) ? $"firmware {previous.Identity.FirmwareVersion} → {identity.FirmwareVersion}" : null,
                };
            }
            finally
            {
                ObjectStore.DeleteDirectory(staging);
            }
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
