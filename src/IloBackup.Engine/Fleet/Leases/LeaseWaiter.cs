using System.Globalization;
using IloBackup.Engine.Identity;
using IloBackup.Engine.Inventory;
using IloBackup.Engine.Repository;

namespace IloBackup.Engine.Fleet.Leases;

/// <summary>
/// What a runner does about the servers other runners took, once its own list is done (issue 20): it waits, bounded, for
/// each lease to finish. Finished by the other runner: done ("backed up by runner B"). Expired unfinished (that runner
/// died or lost the catalog): this runner takes it over and backs the server up. Still held when the wait ends: reported
/// failed, "not backed up: runner B did not finish". Leases are also renewed here while the runner works.
/// </summary>
internal sealed class LeaseWaiter(IRunLeases leases, TimeProvider time, TimeSpan wait, Action<int>? waiting)
{
    public static HostResult TakenResult(IloIdentity identity, LeaseClaim claim) => new()
    {
        Status = HostStatus.Taken,
        Identity = identity,
        BackupId = claim.BackupId,
        Runner = claim.Runner,
        Message = Describe(claim),
    };

    /// <summary>Renews this runner's leases (and heartbeat) every third of a lease's duration until cancelled.</summary>
    public static async Task RenewAsync(IRunLeases leases, TimeProvider time, CancellationToken cancellationToken)
    {
        var period = leases.Duration / 3;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await leases.RenewAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (RepositoryException)
            {
                // The catalog is unreachable for a moment: the next beat tries again; a lease that lapses meanwhile may be taken over.
            }

            await Task.Delay(period, time, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<FleetReport> WaitAsync(
        FleetReport report,
        IDictionary<InventoryHost, string> taken,
        Func<IReadOnlyList<InventoryHost>, Task<FleetReport>> backUp,
        Func<InventoryHost, LeaseClaim, CancellationToken, Task<bool>> doneByOther,
        CancellationToken cancellationToken)
    {
        var outcomes = report.Outcomes.ToList();
        var started = time.GetTimestamp();
        var poll = TimeSpan.FromTicks(Math.Min(leases.Duration.Ticks / 4, TimeSpan.FromSeconds(5).Ticks));
        while (true)
        {
            var pending = new List<(int Index, LeaseClaim Claim)>();
            var expired = new List<int>();
            for (var i = 0; i < outcomes.Count; i++)
            {
                if (outcomes[i].Status != HostStatus.Taken || !taken.TryGetValue(outcomes[i].Host, out var serial))
                {
                    continue;
                }

                var claim = await leases.LookAsync(serial, cancellationToken).ConfigureAwait(false);
                if (claim?.State is LeaseState.Succeeded or LeaseState.Failed && !await doneByOther(outcomes[i].Host, claim, cancellationToken).ConfigureAwait(false))
                {
                    // Taken on the inventory's word, and the other runner's backup is not of this address: look for itself.
                    expired.Add(i);
                    continue;
                }

                switch (claim?.State)
                {
                    case LeaseState.Succeeded or LeaseState.Failed:
                        taken.Remove(outcomes[i].Host);
                        outcomes[i] = outcomes[i] with { Result = outcomes[i].Result! with { BackupId = claim.BackupId, Message = Describe(claim) } };
                        break;
                    case LeaseState.Running:
                        pending.Add((i, claim));
                        break;
                    default:
                        expired.Add(i);
                        break;
                }
            }

            if (expired.Count > 0)
            {
                var again = await backUp([.. expired.Select(i => outcomes[i].Host)]).ConfigureAwait(false);
                for (var k = 0; k < expired.Count; k++)
                {
                    var outcome = again.Outcomes[k];
                    if (outcome.Status != HostStatus.Taken)
                    {
                        outcome = outcome with { Reason = outcome.Reason is null ? null : $"taken over: {outcome.Reason}" };
                    }

                    outcomes[expired[k]] = outcome;
                }

                continue; // look again at once: those taken meanwhile by a third runner are pending now
            }

            if (pending.Count == 0)
            {
                break;
            }

            if (time.GetElapsedTime(started) >= wait)
            {
                foreach (var (index, claim) in pending)
                {
                    outcomes[index] = outcomes[index] with
                    {
                        Status = HostStatus.Failed,
                        Reason = string.Create(
                            CultureInfo.InvariantCulture,
                            $"not backed up: runner {claim.Runner} did not finish (its lease runs until {claim.ExpiresAt:yyyy-MM-dd HH:mm:ss}Z; waited {wait.TotalSeconds:0} s)"),
                    };
                }

                break;
            }

            var delay = Task.Delay(poll, time, cancellationToken);
            waiting?.Invoke(pending.Count);
            await delay.ConfigureAwait(false);
        }

        return report with { Outcomes = outcomes, Duration = report.Duration + time.GetElapsedTime(started) };
    }

    private static string Describe(LeaseClaim claim) => claim.State switch
    {
        LeaseState.Succeeded => claim.BackupId is { } id
            ? string.Create(CultureInfo.InvariantCulture, $"backed up by runner {claim.Runner} (backup {id})")
            : $"backed up by runner {claim.Runner}",
        LeaseState.Failed => $"runner {claim.Runner} took it and failed (its report says why)",
        _ => $"taken by runner {claim.Runner}",
    };
}
