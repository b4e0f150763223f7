using System.Collections.Concurrent;
using IloBackup.Engine.Fleet.Leases;
using IloBackup.Engine.Identity;
using IloBackup.Engine.Inventory;
using IloBackup.Engine.Repository;

namespace IloBackup.Engine.Fleet;

/// <summary>
/// Backs up a fleet into a repository: per iLO one session (always logged out), the backup downloaded
/// into the repository's sink (one rename into the object store), one catalog entry per attempt (failures too), and
/// the firmware check HPE recommends (a backup after every firmware update). With leases (several runners on one
/// catalog, issue 20) each server's lease is taken after reading its identity and before downloading: a server another
/// runner holds is reported <see cref="HostStatus.Taken"/>, and waited for once the list is done (<see cref="LeaseWaiter"/>).
/// </summary>
public sealed class FleetBackupJob(BackupRepository repository, IIloConnector connector, FleetRunner runner, FleetBackupOptions options)
{
    private readonly ConcurrentDictionary<InventoryHost, string> _held = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<InventoryHost, string> _taken = new(ReferenceEqualityComparer.Instance);
    private int _leasesTaken;
    private int _takenOver;

    /// <summary>Backs up every host, then (like every writing run) saves the catalog copy.</summary>
    public async Task<FleetReport> RunAsync(IReadOnlyList<InventoryHost> hosts, IProgress<FleetProgress>? progress, CancellationToken cancellationToken)
    {
        FleetReport report;
        if (options.Leases is not { } leases)
        {
            report = await RunHostsAsync(hosts, progress, cancellationToken).ConfigureAwait(false);
            if (options.Runner is { } name)
            {
                report = report with { Runner = new RunnerSummary(name, options.RunId, 0, 0, 0, TimeSpan.Zero) };
            }
        }
        else
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var renewing = LeaseWaiter.RenewAsync(leases, repository.TimeProvider, stop.Token);
            try
            {
                report = await RunHostsAsync(hosts, progress, cancellationToken).ConfigureAwait(false);
                var waiter = new LeaseWaiter(leases, repository.TimeProvider, options.LeaseWait ?? leases.Duration * 2, options.OnLeaseWait);
                report = await waiter.WaitAsync(report, _taken, h => RunHostsAsync(h, null, cancellationToken), cancellationToken).ConfigureAwait(false);
                report = report with
                {
                    Runner = new RunnerSummary(leases.Runner, leases.RunId, _leasesTaken, report.Taken, _takenOver, leases.WaitTime),
                };
            }
            finally
            {
                await stop.CancelAsync().ConfigureAwait(false);
                await renewing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        await repository.SaveCatalogCopyAsync(cancellationToken).ConfigureAwait(false);
        return report;
    }

    private Task<FleetReport> RunHostsAsync(IReadOnlyList<InventoryHost> hosts, IProgress<FleetProgress>? progress, CancellationToken cancellationToken) =>
        runner.RunAsync(hosts, BackupOneAsync, options.RecordFailures || options.Leases is not null ? CompletedAsync : null, progress, cancellationToken);

    private async Task<HostResult> BackupOneAsync(InventoryHost host, CancellationToken cancellationToken)
    {
        var connection = await connector.ConnectAsync(host, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            IloIdentity? known = null;
            if (options.Leases is { } leases && !_held.ContainsKey(host))
            {
                known = await connection.ReadIdentityAsync(cancellationToken).ConfigureAwait(false);
                if (known.SerialNumber is { } serial)
                {
                    var claim = await leases.TryTakeAsync(serial, cancellationToken).ConfigureAwait(false);
                    if (!claim.IsMine)
                    {
                        _taken[host] = serial;
                        return LeaseWaiter.TakenResult(known, claim);
                    }

                    _taken.TryRemove(host, out _);
                    _held[host] = serial;
                    Interlocked.Increment(ref _leasesTaken);
                    if (claim.TakenOverFrom is not null)
                    {
                        Interlocked.Increment(ref _takenOver);
                    }
                }
            }

            BackupEntry? previous = null;
            if (options.StaleOnly)
            {
                var now = known ?? await connection.ReadIdentityAsync(cancellationToken).ConfigureAwait(false);
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

            using var sink = repository.CreateSink(host.Address, options.RunId);
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

    /// <summary>Ends the host's lease (how it went: another runner waiting for it stops waiting), then records a failure.</summary>
    private async Task CompletedAsync(HostOutcome outcome, CancellationToken cancellationToken)
    {
        string? serial = null;
        if (options.Leases is { } leases && _held.TryRemove(outcome.Host, out serial))
        {
            await leases.FinishAsync(serial, outcome.Status != HostStatus.Failed, outcome.Result?.BackupId, cancellationToken).ConfigureAwait(false);
        }

        if (outcome.Status != HostStatus.Failed || !options.RecordFailures)
        {
            return;
        }

        await repository.AddFailureAsync(
            new NewBackupEntry
            {
                Host = outcome.Host.Address,
                Outcome = BackupOutcome.Failed,
                TakenAt = repository.TimeProvider.GetUtcNow(),
                Identity = IloIdentity.OfSerial(outcome.Result?.Identity.SerialNumber ?? serial ?? outcome.Host.Serial),
                FailureReason = outcome.Reason ?? "failed",
                RunId = options.RunId,
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static bool IsStale(BackupEntry previous, IloIdentity now) =>
        FirmwareVersion.IsOlder(previous.Identity.IloGeneration, previous.Identity.FirmwareVersion, now.IloGeneration, now.FirmwareVersion);
}
