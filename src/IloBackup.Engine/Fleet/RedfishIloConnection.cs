using IloBackup.Engine.Backup;
using IloBackup.Engine.CustomBackup;
using IloBackup.Engine.Identity;
using IloBackup.Redfish;
using IloBackup.Redfish.Http;
using IloBackup.Redfish.Sessions;

namespace IloBackup.Engine.Fleet;

/// <summary>
/// One iLO reached through the single-iLO engine. The session is opened on first use and logged out
/// on dispose; the custom-backup change runs in the engine's own session, so this one is never
/// opened beside it (one session per iLO at a time).
/// </summary>
internal sealed class RedfishIloConnection(RedfishClient client, RedfishHandlerPool? pool, RedfishIloConnectorOptions options) : IIloConnection
{
    private RedfishSession? _session;

    public async Task<IloIdentity> ReadIdentityAsync(CancellationToken cancellationToken)
    {
        var session = await SessionAsync(cancellationToken).ConfigureAwait(false);
        return await IloIdentityReader.ReadAsync(session, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StagedBackup> BackupAsync(string stagingDirectory, CancellationToken cancellationToken)
    {
        var session = await SessionAsync(cancellationToken).ConfigureAwait(false);
        var request = new BackupRequest
        {
            Output = stagingDirectory.EndsWith(Path.DirectorySeparatorChar) ? stagingDirectory : stagingDirectory + Path.DirectorySeparatorChar,
            FilePassword = options.FilePassword,
            IncludeSnapshot = options.IncludeSnapshot,
            Tool = options.Tool,
            WriteMetadataFile = false, // the catalog holds it
            Staged = true, // the repository's adoption makes the file durable where it ends up

        };
        var result = await new BackupOperation(client).RunAsync(session, request, null, cancellationToken).ConfigureAwait(false);
        var m = result.Metadata;
        return new StagedBackup
        {
            FilePath = result.FilePath,
            FileName = m.FileName,
            Sha256 = m.Sha256,
            Size = m.SizeBytes,
            TakenAt = m.CreatedUtc,
            PasswordProtected = m.PasswordProtected,
            Snapshot = m.Snapshot?.ToJsonString(),
            IsSynced = true, // the download fsyncs the file before it is renamed (RedfishSession.DownloadAsync)
            Identity = m.Identity,
        };
    }

    public async Task<CustomBackupChange> SetCustomBackupAsync(bool enabled, CancellationToken cancellationToken)
    {
        if (_session is not null)
        {
            await _session.LogoutAsync().ConfigureAwait(false);
            _session = null;
        }

        var status = await new CustomBackupOperation(client).SetAsync(enabled, cancellationToken).ConfigureAwait(false);
        return new CustomBackupChange(status.Identity, status.Enabled, status.Notes.Count > 0 ? string.Join("; ", status.Notes) : null);
    }

    public async ValueTask DisposeAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync().ConfigureAwait(false);
        }

        client.Dispose();
        pool?.Dispose();
    }

    private async Task<RedfishSession> SessionAsync(CancellationToken cancellationToken) =>
        _session ??= await client.LoginAsync(cancellationToken).ConfigureAwait(false);
}
