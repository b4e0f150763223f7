using System.Text.Json.Nodes;
using IloBackup.Engine.Identity;
using IloBackup.Engine.Logging;
using IloBackup.Engine.Metadata;
using IloBackup.Engine.Snapshots;
using IloBackup.Redfish;
using IloBackup.Redfish.Discovery;
using IloBackup.Redfish.Errors;
using IloBackup.Redfish.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IloBackup.Engine.Backup;

/// <summary>
/// Backs up one iLO (§3): discover the service, GET it (which creates the file on the iLO),
/// download <c>BackupFileLocation</c> into a <see cref="BackupSink"/> (streamed, hashed once, checked),
/// take the readable snapshot, then commit the sink: one rename into a folder or a repository, with
/// the metadata. Nothing appears under the final name until everything succeeded; a cancelled or
/// failed backup leaves no file behind.
/// </summary>
public sealed class BackupOperation(RedfishClient client, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>Logs in, backs up, and always logs out.</summary>
    public async Task<BackupResult> RunAsync(BackupRequest request, BackupSink sink, IProgress<BackupProgress>? progress, CancellationToken cancellationToken)
    {
        progress?.Report(new BackupProgress(BackupStage.LoggingIn));
        var session = await client.LoginAsync(cancellationToken).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            return await RunAsync(session, request, sink, progress, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Backs up through an existing session (the caller logs out).</summary>
    public async Task<BackupResult> RunAsync(
        RedfishSession session, BackupRequest request, BackupSink sink, IProgress<BackupProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sink);
        var time = client.TimeProvider;
        var started = time.GetTimestamp();
        var warnings = new List<string>();

        progress?.Report(new BackupProgress(BackupStage.ReadingIdentity));
        var identity = await IloIdentityReader.ReadAsync(session, cancellationToken).ConfigureAwait(false);
        var servicePath = await IloDiscovery.FindBackupRestoreServiceAsync(session, cancellationToken).ConfigureAwait(false);

        progress?.Report(new BackupProgress(BackupStage.CreatingBackup));
        var created = time.GetUtcNow();
        var service = await IloDiscovery.GetBackupRestoreServiceAsync(session, servicePath, client.Options.BackupCreationTimeout, cancellationToken)
            .ConfigureAwait(false);
        var location = service.BackupFileLocation
            ?? throw new RedfishProtocolException($"{session.Endpoint}: the Backup and Restore service reported no BackupFileLocation");
        // Named from the verified identity, never from the iLO's file name (only its time is kept):
        // the iLO cannot pick the folder, nor a name that would replace another server's backup.
        var name = sink.Prepare(BackupFileName.FromIdentity(identity.SerialNumber, service.BackupFileName, created));
        try
        {
            progress?.Report(new BackupProgress(BackupStage.Downloading));
            var bytes = progress is null ? null : new Progress<long>(n => progress.Report(new BackupProgress(BackupStage.Downloading, n)));
            await session.DownloadAsync(location, sink, request.FilePassword, bytes, cancellationToken).ConfigureAwait(false);

            JsonObject? snapshot = null;
            if (request.IncludeSnapshot)
            {
                progress?.Report(new BackupProgress(BackupStage.ReadingSnapshot));
                try
                {
                    snapshot = await SnapshotReader.ReadAsync(session, cancellationToken).ConfigureAwait(false);
                }
                catch (RedfishException e) when (e is not RedfishAuthenticationException && !e.IsTransient)
                {
                    warnings.Add($"no snapshot: {e.Message}");
                    EngineLog.SnapshotFailed(_logger, session.Endpoint.ToString(), e.Message);
                }
            }

            var metadata = new BackupMetadata
            {
                FileName = name,
                Host = session.Endpoint.ToString(),
                Identity = identity,
                CreatedUtc = created,
                SizeBytes = sink.Length,
                Sha256 = sink.Sha256!,
                PasswordProtected = request.FilePassword is not null,
                Snapshot = snapshot,
                Tool = request.Tool,
            };

            // The commit: short and not cancellable, so Ctrl+C never leaves a file without its metadata.
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new BackupProgress(BackupStage.Saving, metadata.SizeBytes));
            var where = await sink.CommitAsync(metadata, CancellationToken.None).ConfigureAwait(false);
            EngineLog.BackedUp(_logger, session.Endpoint.ToString(), where, metadata.SizeBytes, metadata.Sha256);
            progress?.Report(new BackupProgress(BackupStage.Done, metadata.SizeBytes));
            return new BackupResult(where, metadata, time.GetElapsedTime(started), warnings);
        }
        finally
        {
            sink.Discard(); // nothing left once committed; a failed backup's staging file goes
        }
    }
}
