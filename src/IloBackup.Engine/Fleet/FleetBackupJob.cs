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

    // Hosts whose lease was taken (or found held) on the serial the inventory lists, before the iLO said its own.
    private readonly ConcurrentDictionary<InventoryHost, bool> _unconfirmed = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<InventoryHost, bool> _listedTried = new(ReferenceEqualityComparer.Instance);
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
                report = await waiter.WaitAsync(report, _taken, h => RunHostsAsync(h, null, cancellationToken), DoneByOtherAsync, cancellationToken).ConfigureAwait(false);
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
        if (options.Leases is { } onWord && host.Serial is { Length: > 0 } listed && !_held.ContainsKey(host) && _listedTried.TryAdd(host, true))
        {
            // On the inventory's word first: a server another runner holds is left alone without logging in to it (no session
            // used, no login in its log). The iLO's own serial is checked once connected; the word is taken once per host.
            var claim = await TakeAsync(onWord, listed, cancellationToken).ConfigureAwait(false);
            _unconfirmed[host] = true;
            if (!claim.IsMine)
            {
                _taken[host] = listed;
                return LeaseWaiter.TakenResult(IloIdentity.OfSerial(listed), claim);
            }

            _held[host] = listed;
        }

        var connection = await connector.ConnectAsync(host, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            IloIdentity? known = null;
            if (options.Leases is { } leases)
            {
                known = await connection.ReadIdentityAsync(cancellationToken).ConfigureAwait(false);
                if (_unconfirmed.TryRemove(host, out _) && _held.TryGetValue(host, out var word)
                    && !string.Equals(word, known.SerialNumber, StringComparison.OrdinalIgnoreCase))
                {
                    // The inventory named another server: give that lease back (its server is not this one) and take this one's.
                    await leases.ReleaseAsync(word, cancellationToken).ConfigureAwait(false);
                    _held.TryRemove(host, out _);
                    Interlocked.Decrement(ref _leasesTaken);
                }

                if (!_held.ContainsKey(host) && known.SerialNumber is { } serial)
                {
                    var claim = await TakeAsync(leases, serial, cancellationToken).ConfigureAwait(false);
                    if (!claim.IsMine)
                    {
                        _taken[host] = serial;
                        return LeaseWaiter.TakenResult(known, claim);
                    }

                    _taken.TryRemove(host, out _);
                    _held[host] = serial;
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

    private async Task<LeaseClaim> TakeAsync(IRunLeases leases, string serial, CancellationToken cancellationToken)
    {
        var claim = await leases.TryTakeAsync(serial, cancellationToken).ConfigureAwait(false);
        if (claim.IsMine)
        {
            Interlocked.Increment(ref _leasesTaken);
            if (claim.TakenOverFrom is not null)
            {
                Interlocked.Increment(ref _takenOver);
            }
        }

        return claim;
    }

    /// <summary>
    /// Whether a server taken on the inventory's word was really backed up by the other runner: its row must come from the
    /// same address. Otherwise (the inventory lists a serial that is not this iLO's, or another address of it) this runner
    /// logs in and looks for itself, so a wrong serial in an inventory never hides a server.
    /// </summary>
    private async Task<bool> DoneByOtherAsync(InventoryHost host, LeaseClaim claim, CancellationToken cancellationToken)
    {
        if (!_unconfirmed.ContainsKey(host))
        {
            return true;
        }

        var row = claim is { State: LeaseState.Succeeded, BackupId: { } id } ? await repository.Catalog.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;
        return row is not null && string.Equals(row.Host, host.Address, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Ends the host's lease (how it went: another runner waiting for it stops waiting), then records a failure.</summary>
    private async Task CompletedAsync(HostOutcome outcome, CancellationToken cancellationToken)
    {
        string? serial = null;
        if (options.Leases is { } leases && _held.TryRemove(outcome.Host, out serial))
        {
            if (_unconfirmed.TryRemove(outcome.Host, out _))
            {
                // Taken on the inventory's word and never confirmed (unreachable, refused): another runner may reach it.
                await leases.ReleaseAsync(serial, cancellationToken).ConfigureAwait(false);
                Interlocked.Decrement(ref _leasesTaken);
            }
            else
            {
                await leases.FinishAsync(serial, outcome.Status != HostStatus.Failed, outcome.Result?.BackupId, cancellationToken).ConfigureAwait(false);
            }
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
