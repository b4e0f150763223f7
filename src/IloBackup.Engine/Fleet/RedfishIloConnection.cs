using IloBackup.Engine.Backup;
using IloBackup.Engine.CustomBackup;
using IloBackup.Engine.Identity;
using IloBackup.Engine.Metadata;
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

    public async Task<BackupMetadata> BackupAsync(BackupSink sink, CancellationToken cancellationToken)
    {
        var session = await SessionAsync(cancellationToken).ConfigureAwait(false);
        var request = new BackupRequest { FilePassword = options.FilePassword, IncludeSnapshot = options.IncludeSnapshot, Tool = options.Tool };
        var result = await new BackupOperation(client).RunAsync(session, request, sink, null, cancellationToken).ConfigureAwait(false);
        return result.Metadata;
    }

    public async Task<CustomBackupChange> SetCustomBackupAsync(bool? enabled, CancellationToken cancellationToken)
    {
        if (_session is not null)
        {
            await _session.LogoutAsync().ConfigureAwait(false);
            _session = null;
        }

        var operation = new CustomBackupOperation(client);
        var status = enabled is { } on
            ? await operation.SetAsync(on, cancellationToken).ConfigureAwait(false)
            : await operation.GetAsync(cancellationToken).ConfigureAwait(false);
        var notes = status.Supported ? status.Notes : [status.Explanation ?? "not offered by this firmware", .. status.Notes];
        return new CustomBackupChange(status.Identity, status.Enabled, notes.Count > 0 ? string.Join("; ", notes) : null);
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
