using IloBackup.Engine.Restore;
using IloBackup.TestSupport.Emulation;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Engine.Tests.Restore;

/// <summary>
/// Between an accepted restore and its reset the iLO answers 503 with Retry-After (docs/emulator.md,
/// "Hostile clients"). The reset waiter must take that as "up, taking no new work": not as the
/// reset's evidence ("unreachable"), else a reset deferred by the internal backup is taken as done.
/// </summary>
public sealed class BusyIloDuringResetWaitTests
{
    [Fact]
    public async Task A_503_on_the_service_root_is_not_taken_for_the_reset()
    {
        await using var fake = await TestIlo.StartInProcessAsync();
        var client = TestIloClient.Create(fake);
        await using var upload = await client.LoginAsync(CancellationToken.None);
        await upload.LogoutAsync(); // the session is gone, as after a restore
        var busyAnswers = 0;
        using var busy = fake.Overrides.Add(0, "GET", "/redfish/v1/", async (context, _, next) =>
        {
            if (Interlocked.Increment(ref busyAnswers) <= 3)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = "1";
                return;
            }

            await next(context);
        });

        var stages = new List<RestoreStage>();
        var timing = new RestoreRequest
        {
            PollInterval = TimeSpan.FromMilliseconds(20),
            ResetGrace = TimeSpan.FromMilliseconds(200),
            ProbeTimeout = TimeSpan.FromMinutes(1), // a loaded machine must not turn a slow answer into "unreachable"
            Deadline = TimeSpan.FromMinutes(2),
        };
        var waiter = new IloResetWaiter(client) { ReadsInternalBackup = false };
        var result = await waiter.WaitAsync(upload, null, timing, new SynchronousProgress(stages), CancellationToken.None);
        await result.Session.DisposeAsync();

        Assert.True(Volatile.Read(ref busyAnswers) > 3, "the busy answers were seen");
        Assert.DoesNotContain(RestoreStage.Unreachable, stages);
        Assert.False(result.SawUnreachable);
    }

    private sealed class SynchronousProgress(List<RestoreStage> stages) : IProgress<RestoreProgress>
    {
        public void Report(RestoreProgress value)
        {
            lock (stages)
            {
                stages.Add(value.Stage);
            }
        }
    }
}
