using System.Net;
using IloBackup.Engine.Logging;
using IloBackup.Redfish;
using IloBackup.Redfish.Credentials;
using IloBackup.Redfish.Errors;
using IloBackup.Redfish.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IloBackup.Engine.Restore;

/// <summary>
/// Waits for an iLO to reset and come back after a restore (§3: all sessions end, it is
/// unreachable for a while, then it answers with the restored configuration), then logs in.
/// Evidence of the reset: the iLO was seen unreachable. The upload's session ending is not enough
/// (an iLO may end sessions at once and reset a moment later): only when it stays reachable with
/// the session gone for <see cref="RestoreRequest.ResetGrace"/> is the reset taken as missed
/// between two looks.
/// </summary>
public sealed class IloResetWaiter(RedfishClient client, ILogger? logger = null)
{
    private const int LoginRefusalsTolerated = 3;
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>
    /// Whether to read the Event Log for an internal backup that defers the reset (iLO 5 3.16+,
    /// iLO 6 1.71+, iLO 7: <see cref="InternalBackupStatus.MayDefer"/>) while the iLO stays up with the session gone.
    /// </summary>
    public bool ReadsInternalBackup { get; init; } = true;

    public Task<ResetWaitResult> WaitAsync(
        RedfishSession? uploadSession, RedfishCredential? credential, RestoreRequest timing,
        IProgress<RestoreProgress>? progress, CancellationToken cancellationToken) =>
        WaitAsync(uploadSession, credential, timing, alreadyUnreachable: false, progress, cancellationToken);

    /// <summary>As above; <paramref name="alreadyUnreachable"/>: the iLO was just seen going away (it is back once it answers).</summary>
    public async Task<ResetWaitResult> WaitAsync(
        RedfishSession? uploadSession, RedfishCredential? credential, RestoreRequest timing, bool alreadyUnreachable,
        IProgress<RestoreProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timing);
        var time = client.TimeProvider;
        var started = time.GetTimestamp();
        var host = client.Endpoint.ToString();
        var sawDown = alreadyUnreachable;
        long? goneSince = null;
        var refusals = 0;
        var checkInternalBackup = ReadsInternalBackup;
        var toldInternalBackup = false;
        Exception? last = null;
        progress?.Report(new RestoreProgress(RestoreStage.WaitingForReset, TimeSpan.Zero));
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var elapsed = time.GetElapsedTime(started);
            if (elapsed > timing.Deadline)
            {
                var state = sawDown ? "it went away and has not come back" : "it never went away for its reset";
                throw new IloDidNotReturnException(
                    $"{host}: the iLO did not come back within {timing.Deadline.TotalMinutes:0.#} min after the restore ({state})"
                    + (last is null ? string.Empty : $"; last error: {last.Message}"), last ?? new TimeoutException());
            }

            bool up;
            try
            {
                await client.ProbeAsync(timing.ProbeTimeout, cancellationToken).ConfigureAwait(false);
                up = true;
            }
            catch (RedfishException e) when (e.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                // Up but taking no new work (between an accepted restore and its reset): neither
                // evidence of the reset nor of its end; look again.
                last = e;
                await Task.Delay(timing.PollInterval, time, cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (RedfishException e)
            {
                up = false;
                last = e;
            }

            if (!up)
            {
                if (!sawDown)
                {
                    EngineLog.ResetState(_logger, host, "unreachable (resetting)", (long)elapsed.TotalSeconds);
                    progress?.Report(new RestoreProgress(RestoreStage.Unreachable, elapsed));
                }

                sawDown = true;
            }
            else if (sawDown || (goneSince is { } since && time.GetElapsedTime(since) >= timing.ResetGrace))
            {
                progress?.Report(new RestoreProgress(RestoreStage.LoggingIn, elapsed));
                try
                {
                    var session = credential is null
                        ? await client.LoginAsync(cancellationToken).ConfigureAwait(false)
                        : await client.LoginAsync(credential, cancellationToken).ConfigureAwait(false);
                    EngineLog.ResetState(_logger, host, "back and logged in", (long)elapsed.TotalSeconds);
                    return new ResetWaitResult(session, sawDown, time.GetElapsedTime(started));
                }
                catch (RedfishAuthenticationException e) when (++refusals >= LoginRefusalsTolerated)
                {
                    throw new IloDidNotReturnException(
                        $"{host}: the iLO is back but refuses the login: the restored user database may hold other credentials "
                        + "(give them for the login after the restore)", e);
                }
                catch (RedfishException e)
                {
                    // Still starting (503 while functions come up, up to 120 s on a real iLO: §6), or a refusal to look at again.
                    last = e;
                }
            }
            else if (goneSince is null && (uploadSession is null || !await IsStillActiveAsync(uploadSession, cancellationToken).ConfigureAwait(false)))
            {
                goneSince = time.GetTimestamp();
            }
            else if (goneSince is not null && checkInternalBackup)
            {
                // Still up with the session gone: an internal backup in progress defers the reset; the grace starts again after it.
                var inProgress = await InternalBackupInProgressAsync(credential, cancellationToken).ConfigureAwait(false);
                checkInternalBackup = inProgress ?? true;
                if (inProgress == true)
                {
                    goneSince = time.GetTimestamp();
                    if (!toldInternalBackup)
                    {
                        toldInternalBackup = true;
                        EngineLog.ResetState(_logger, host, "making its internal backup (reset deferred)", (long)elapsed.TotalSeconds);
                        progress?.Report(new RestoreProgress(RestoreStage.WaitingForInternalBackup, elapsed));
                    }
                }
            }

            await Task.Delay(timing.PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Logs in briefly to read the Event Log. Null when the iLO is busy (503: look again later); any
    /// other failure counts as "no internal backup" (the reset wait goes on as before).
    /// </summary>
    private async Task<bool?> InternalBackupInProgressAsync(RedfishCredential? credential, CancellationToken cancellationToken)
    {
        try
        {
            var session = credential is null
                ? await client.LoginAsync(cancellationToken).ConfigureAwait(false)
                : await client.LoginAsync(credential, cancellationToken).ConfigureAwait(false);
            await using (session.ConfigureAwait(false))
            {
                return await InternalBackupStatus.IsInProgressAsync(session, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RedfishException e) when (e.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            return null;
        }
        catch (RedfishException)
        {
            return false;
        }
    }

    private static async Task<bool> IsStillActiveAsync(RedfishSession session, CancellationToken cancellationToken)
    {
        try
        {
            return await session.IsActiveAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RedfishException)
        {
            return false;
        }
    }
}
