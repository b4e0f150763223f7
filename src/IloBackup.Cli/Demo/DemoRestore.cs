using IloBackup.Engine.Repository;
using IloBackup.Engine.Restore;
using IloBackup.Redfish;

namespace IloBackup.Cli.Demo;

/// <summary>Restore one iLO from the repository by the serial number it reports (the board-replacement flow).</summary>
internal static class DemoRestore
{
    public static async Task<(BackupEntry Entry, RestoreResult Result)> RunAsync(
        RedfishClient client, BackupRepository repository, TimeSpan deadline, Action<string> say, CancellationToken cancellationToken)
    {
        // The iLO may still be rebooting after its battery failure: wait until it answers again.
        await WaitUntilReachableAsync(client, deadline, cancellationToken).ConfigureAwait(false);
        var source = new RepositoryRestoreSource(repository, null, null);
        await using var operation = new RestoreOperation(client);
        var plan = await operation.PlanAsync(
            source,
            new RestoreRequest { Deadline = deadline, PollInterval = TimeSpan.FromMilliseconds(200), ProbeTimeout = TimeSpan.FromSeconds(2) },
            cancellationToken).ConfigureAwait(false);
        var entry = source.Entry!;
        say($"the iLO reports serial number {plan.Target.SerialNumber}: looked it up in the repository");
        foreach (var skipped in source.Skipped)
        {
            say($"passed over #{skipped.Entry.Id}, taken {Repository.RepoCli.Time(skipped.Entry.TakenAt)}: {skipped.Reason}");
        }

        say($"newest good backup of {plan.Target.SerialNumber}: #{entry.Id}, taken {Repository.RepoCli.Time(entry.TakenAt)} on firmware {entry.Identity.FirmwareVersion}");
        if (plan.IsBlocked)
        {
            throw new RestoreRefusedException(plan);
        }

        say("pre-flight passed (same server, file intact): uploading, then waiting for the iLO to reset and come back");
        var result = await operation.ExecuteAsync(plan, null, cancellationToken).ConfigureAwait(false);
        return (entry, result);
    }

    /// <summary>Waits until the iLO answers (after a reset), up to <paramref name="deadline"/>.</summary>
    public static async Task WaitUntilReachableAsync(RedfishClient client, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var time = client.TimeProvider;
        var started = time.GetTimestamp();
        while (true)
        {
            try
            {
                await client.ProbeAsync(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (IloBackup.Redfish.Errors.RedfishException) when (time.GetElapsedTime(started) < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
