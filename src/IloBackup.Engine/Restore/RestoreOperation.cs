using System.Text.Json.Nodes;
using IloBackup.Engine.Identity;
using IloBackup.Engine.Logging;
using IloBackup.Engine.Snapshots;
using IloBackup.Redfish;
using IloBackup.Redfish.Discovery;
using IloBackup.Redfish.Errors;
using IloBackup.Redfish.Json;
using IloBackup.Redfish.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IloBackup.Engine.Restore;

/// <summary>
/// Restores one iLO from a backup, safely: <see cref="PlanAsync(IRestoreSource, RestoreRequest, CancellationToken)"/>
/// checks the file against the target before anything is sent; <see cref="ExecuteAsync"/> uploads it
/// (never retried), waits for the iLO to reset and come back, logs in again and verifies it. The
/// pre-flight and the upload share one session (one login): the plan's session is kept until the
/// upload, or logged out when the operation is disposed.
/// </summary>
public sealed class RestoreOperation(RedfishClient client, ILogger? logger = null) : IAsyncDisposable
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private RedfishSession? _session;

    /// <summary>The pre-flight of <see cref="RestoreRequest.FilePath"/>. Changes nothing.</summary>
    public Task<RestorePlan> PlanAsync(RestoreRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.FilePath ?? throw new ArgumentException("no file to restore: give FilePath or a restore source", nameof(request));
        return PlanAsync(new FileRestoreSource(path), request, cancellationToken);
    }

    /// <summary>The pre-flight: the target's identity, then the source's file for it and its metadata. Changes nothing.</summary>
    public async Task<RestorePlan> PlanAsync(IRestoreSource source, RestoreRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(request);
        var session = _session ??= await client.LoginAsync(cancellationToken).ConfigureAwait(false);
        var target = await IloIdentityReader.ReadAsync(session, cancellationToken).ConfigureAwait(false);
        var file = await source.DescribeAsync(target, cancellationToken).ConfigureAwait(false);
        // Only the service's path: its body (HttpPushUri) is read at the upload, since a GET of the
        // service makes the iLO write a backup file (§3) and a pre-flight or --dry-run changes nothing.
        var servicePath = await IloDiscovery.FindBackupRestoreServiceAsync(session, cancellationToken).ConfigureAwait(false);
        var (problems, notes) = RestoreChecks.Check(file, target, request);
        return new RestorePlan(request, client.Endpoint.ToString(), file, target, servicePath, null, problems, notes);
    }

    /// <summary>The service's <c>HttpPushUri</c>: the one GET of the service a restore makes, right before the upload.</summary>
    private async Task<string> FindPushUriAsync(RedfishSession session, string servicePath, CancellationToken cancellationToken)
    {
        var service = await IloDiscovery.GetBackupRestoreServiceAsync(session, servicePath, client.Options.BackupCreationTimeout, cancellationToken)
            .ConfigureAwait(false);
        return service.HttpPushUri
            ?? throw new RedfishProtocolException($"{client.Endpoint}: the Backup and Restore service reported no HttpPushUri");
    }

    /// <summary>
    /// What the restore of <paramref name="plan"/> will change: the live configuration's readable snapshot (read in the
    /// plan's session; no backup service request) against the backup's. Changes nothing.
    /// </summary>
    public async Task<RestorePreview> PreviewAsync(RestorePlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var backup = plan.File.Metadata?.Snapshot;
        if (RestorePreview.Compare(backup, new JsonObject()) is { Note: not null } cannot)
        {
            return cannot;
        }

        var session = _session ??= await client.LoginAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return RestorePreview.Compare(backup, await SnapshotReader.ReadAsync(session, cancellationToken).ConfigureAwait(false));
        }
        catch (RedfishException e) when (e is not RedfishAuthenticationException)
        {
            return new RestorePreview(null, $"the live configuration could not be read ({e.Message})");
        }
    }

    /// <summary>Logs out the plan's session when it was not used for an upload.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_session is { } session)
        {
            _session = null;
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Uploads, waits for the reset (up to the request's deadline), logs in again, verifies. Throws
    /// <see cref="RestoreRefusedException"/> without uploading when the plan is blocked.
    /// </summary>
    public async Task<RestoreResult> ExecuteAsync(RestorePlan plan, IProgress<RestoreProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.IsBlocked)
        {
            throw new RestoreRefusedException(plan);
        }

        var time = client.TimeProvider;
        var started = time.GetTimestamp();
        var request = plan.Request;
        ResetWaitResult back;
        // The plan's session (one login for the pre-flight and the upload); a fresh one for a plan made elsewhere.
        var upload = _session ?? await client.LoginAsync(cancellationToken).ConfigureAwait(false);
        _session = null;
        await using (upload.ConfigureAwait(false))
        {
            var pushUri = plan.HttpPushUri ?? await FindPushUriAsync(upload, plan.ServicePath, cancellationToken).ConfigureAwait(false);
            progress?.Report(new RestoreProgress(RestoreStage.Uploading, TimeSpan.Zero));
            var bytes = progress is null
                ? null
                : new Progress<long>(n => progress.Report(new RestoreProgress(RestoreStage.Uploading, time.GetElapsedTime(started), n)));
            try
            {
                await upload.UploadRestoreFileAsync(
                        pushUri, plan.File.FilePath, plan.File.UploadName ?? Path.GetFileName(plan.File.FilePath), request.FilePassword, bytes, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (RedfishException e) when (e is RedfishUnreachableException or RedfishTimeoutException)
            {
                // The file may have arrived: never upload again blindly; say what to do instead.
                throw new RestoreOutcomeUnknownException(
                    $"{plan.Host}: no answer to the restore upload ({e.Message}): the iLO may be applying it and resetting. "
                    + "Do not upload again right away: wait a few minutes, then check the iLO (e.g. ilobackup backup, or compare with ilobackup diff).", e);
            }

            EngineLog.RestoreUploaded(_logger, plan.Host, plan.File.UploadName ?? Path.GetFileName(plan.File.FilePath));
            back = await new IloResetWaiter(client, _logger) { ReadsInternalBackup = InternalBackupStatus.MayDefer(plan.Target) }
                .WaitAsync(upload, request.CredentialAfterRestore, request, progress, cancellationToken).ConfigureAwait(false);
        }

        // An iLO may still flap while it boots: if it goes away again during verification (or ends the
        // new session), wait for it and log in again, within the same deadline.
        while (true)
        {
            try
            {
                await using (back.Session.ConfigureAwait(false))
                {
                    return await VerifyAsync(plan, back, started, progress, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (RedfishException e) when ((e.IsTransient || e is RedfishAuthenticationException)
                && time.GetElapsedTime(started) < request.Deadline)
            {
                var remaining = request.Deadline - time.GetElapsedTime(started);
                var again = await new IloResetWaiter(client, _logger)
                    .WaitAsync(null, request.CredentialAfterRestore, request with { Deadline = remaining }, alreadyUnreachable: true, progress, cancellationToken)
                    .ConfigureAwait(false);
                back = again with { SawUnreachable = true };
            }
        }
    }

    private async Task<RestoreResult> VerifyAsync(
        RestorePlan plan, ResetWaitResult back, long started, IProgress<RestoreProgress>? progress, CancellationToken cancellationToken)
    {
        var time = client.TimeProvider;
        progress?.Report(new RestoreProgress(RestoreStage.Verifying, time.GetElapsedTime(started)));
        var after = await IloIdentityReader.ReadAsync(back.Session, cancellationToken).ConfigureAwait(false);
        var identityMatches = RestoreChecks.SameServer(plan.Target, after);
        var before = plan.File.Metadata?.Snapshot;
        var beforeVersion = RedfishJson.Int64(before, "formatVersion");
        string? note = before is null ? "no snapshot was taken with the backup"
            : beforeVersion != SnapshotReader.FormatVersion ? $"the backup's snapshot has format {beforeVersion}, this tool takes format {SnapshotReader.FormatVersion}"
            : null;
        JsonObject? snapshot = null;
        if (note is null)
        {
            try
            {
                snapshot = await SnapshotReader.ReadAsync(back.Session, cancellationToken).ConfigureAwait(false);
            }
            catch (RedfishProtocolException e)
            {
                // The restore is done: a live configuration that cannot be read only leaves it uncompared.
                note = $"the live configuration could not be read ({e.Message})";
            }
        }

        var differences = note is not null ? null : SnapshotDiff.Compare(before, snapshot);
        var evidence = await RestoreEvidence.FindAsync(back.Session, cancellationToken).ConfigureAwait(false);
        EngineLog.RestoreVerified(_logger, plan.Host, differences?.Count ?? 0);
        progress?.Report(new RestoreProgress(RestoreStage.Done, time.GetElapsedTime(started)));
        return new RestoreResult(plan, after, identityMatches, back.SawUnreachable, time.GetElapsedTime(started), snapshot, differences)
        {
            ComparisonNote = note,
            EventLogEvidence = evidence,
        };
    }
}
