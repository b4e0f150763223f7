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
/// download <c>BackupFileLocation</c> (streamed, hashed, checked), take the readable snapshot,
/// then put the file in place and write its metadata beside it. Nothing appears under the final
/// name until everything succeeded; a cancelled or failed backup leaves no file behind.
/// </summary>
public sealed class BackupOperation(RedfishClient client, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>Logs in, backs up, and always logs out.</summary>
    public async Task<BackupResult> RunAsync(BackupRequest request, IProgress<BackupProgress>? progress, CancellationToken cancellationToken)
    {
        progress?.Report(new BackupProgress(BackupStage.LoggingIn));
        var session = await client.LoginAsync(cancellationToken).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            return await RunAsync(session, request, progress, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Backs up through an existing session (the caller logs out).</summary>
    public async Task<BackupResult> RunAsync(
        RedfishSession session, BackupRequest request, IProgress<BackupProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(request);
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
        var name = BackupFileName.FromIdentity(identity.SerialNumber, service.BackupFileName, created);
        var finalPath = ResolveOutput(request.Output, name);
        if (!request.Overwrite && File.Exists(finalPath))
        {
            throw new IOException($"{finalPath} already exists (choose another --output, or allow overwriting)");
        }

        var directory = Path.GetDirectoryName(finalPath)!;
        Directory.CreateDirectory(directory);
        var staging = Path.Combine(directory, $".{Path.GetFileName(finalPath)}.{Guid.NewGuid():N}.download");
        try
        {
            progress?.Report(new BackupProgress(BackupStage.Downloading));
            var bytes = progress is null ? null : new Progress<long>(n => progress.Report(new BackupProgress(BackupStage.Downloading, n)));
            // The staging name is temporary: only the rename to the final name below is made durable.
            var download = await session.DownloadAsync(location, staging, request.FilePassword, overwrite: false, syncFolder: false, bytes, cancellationToken)
                .ConfigureAwait(false);

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
                FileName = Path.GetFileName(finalPath),
                Host = session.Endpoint.ToString(),
                Identity = identity,
                CreatedUtc = created,
                SizeBytes = download.Length,
                Sha256 = download.Sha256,
                PasswordProtected = request.FilePassword is not null,
                Snapshot = snapshot,
                Tool = request.Tool,
            };

            // The commit: short and not cancellable, so Ctrl+C never leaves a file without its metadata.
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new BackupProgress(BackupStage.Saving, download.Length));
            File.Move(staging, finalPath, request.Overwrite);
            string? metadataPath = null;
            if (request.WriteMetadataFile)
            {
                metadataPath = BackupMetadataFile.SidecarPath(finalPath);
                await BackupMetadataFile.WriteAsync(metadataPath, metadata, CancellationToken.None).ConfigureAwait(false);
            }

            EngineLog.BackedUp(_logger, session.Endpoint.ToString(), finalPath, download.Length, download.Sha256);
            if (!request.Staged && metadataPath is null)
            {
                // The rename above survives a power loss (writing the sidecar already fsynced this folder).
                IloBackup.Redfish.Storage.DirectorySync.FlushParentOf(finalPath);
            }

            progress?.Report(new BackupProgress(BackupStage.Done, download.Length));
            return new BackupResult(finalPath, metadataPath, metadata, time.GetElapsedTime(started), warnings);
        }
        finally
        {
            if (File.Exists(staging))
            {
                File.Delete(staging);
            }
        }
    }

    /// <summary>The final path for <paramref name="output"/>: inside it when it is a directory, else itself.</summary>
    public static string ResolveOutput(string output, string fileName)
    {
        ArgumentException.ThrowIfNullOrEmpty(output);
        var isDirectory = Directory.Exists(output)
            || output.EndsWith(Path.DirectorySeparatorChar) || output.EndsWith(Path.AltDirectorySeparatorChar);
        return isDirectory ? BackupFileName.EnsureInside(output, Path.Combine(output, fileName)) : Path.GetFullPath(output);
    }
}
