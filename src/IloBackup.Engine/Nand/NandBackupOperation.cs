using System.Text.Json.Nodes;
using IloBackup.Engine.Identity;
using IloBackup.Engine.Restore;
using IloBackup.Redfish;
using IloBackup.Redfish.Discovery;
using IloBackup.Redfish.Errors;
using IloBackup.Redfish.Json;
using IloBackup.Redfish.Sessions;
using Microsoft.Extensions.Logging;

namespace IloBackup.Engine.Nand;

/// <summary>
/// The backups the iLO keeps on its own NAND (<c>BackupFiles</c>, §3): list, create, delete, and
/// restore one (the iLO then resets, as with an uploaded file, and is waited for). Listing never
/// reads the Backup and Restore service (a GET of it writes a backup file on the iLO).
/// </summary>
public sealed class NandBackupOperation(RedfishClient client, ILogger? logger = null)
{
    private const string RestoreAction = "#HpeiLOBackupFile.Restore";

    public async Task<NandBackupList> ListAsync(CancellationToken cancellationToken)
    {
        var session = await client.LoginAsync(cancellationToken).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            return await ListAsync(session, mayReadService: false, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Creates a backup on the NAND and returns the list afterwards.</summary>
    public async Task<NandBackupList> CreateAsync(CancellationToken cancellationToken)
    {
        var session = await client.LoginAsync(cancellationToken).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            await session.PostAsync(await FindCollectionAsync(session, mayReadService: true, cancellationToken).ConfigureAwait(false), new JsonObject(), cancellationToken)
                .ConfigureAwait(false);
            return await ListAsync(session, mayReadService: true, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var session = await client.LoginAsync(cancellationToken).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            var file = await FindAsync(session, id, cancellationToken).ConfigureAwait(false);
            await session.DeleteAsync(file.Path, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Restores the NAND backup <paramref name="id"/>, waits for the reset and checks the server identity.</summary>
    public async Task<NandRestoreResult> RestoreAsync(
        string id, RestoreRequest timing, IProgress<RestoreProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timing);
        var started = client.TimeProvider.GetTimestamp();
        IloIdentity before;
        ResetWaitResult back;
        var session = await client.LoginAsync(cancellationToken).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            before = await IloIdentityReader.ReadAsync(session, cancellationToken).ConfigureAwait(false);
            var file = await FindAsync(session, id, cancellationToken).ConfigureAwait(false);
            var target = file.RestoreTarget
                ?? throw new RedfishProtocolException($"{client.Endpoint}: NAND backup {id} offers no {RestoreAction} action");
            progress?.Report(new RestoreProgress(RestoreStage.Uploading, TimeSpan.Zero));
            await session.PostAsync(target, new JsonObject(), cancellationToken).ConfigureAwait(false);
            back = await new IloResetWaiter(client, logger).WaitAsync(session, timing.CredentialAfterRestore, timing, progress, cancellationToken)
                .ConfigureAwait(false);
        }

        await using (back.Session.ConfigureAwait(false))
        {
            var after = await IloIdentityReader.ReadAsync(back.Session, cancellationToken).ConfigureAwait(false);
            var same = string.Equals(before.SerialNumber, after.SerialNumber, StringComparison.OrdinalIgnoreCase);
            progress?.Report(new RestoreProgress(RestoreStage.Done, client.TimeProvider.GetElapsedTime(started)));
            return new NandRestoreResult(id, before, after, same, back.SawUnreachable, client.TimeProvider.GetElapsedTime(started));
        }
    }

    /// <summary>
    /// The <c>BackupFiles</c> collection, found in the ResourceDirectory: a GET of the service would
    /// make the iLO write a backup file (§3), which a listing must not do. Only the verbs that change
    /// the iLO anyway (<paramref name="mayReadService"/>) fall back to the link in the service's body.
    /// </summary>
    private async Task<string> FindCollectionAsync(RedfishSession session, bool mayReadService, CancellationToken cancellationToken)
    {
        if (await IloDiscovery.FindBackupFilesAsync(session, cancellationToken).ConfigureAwait(false) is { } listed)
        {
            return listed;
        }

        if (!mayReadService)
        {
            throw new RedfishProtocolException(
                $"{session.Endpoint}: this iLO lists no BackupFiles collection in its ResourceDirectory; "
                + "not reading the Backup and Restore service instead, since that would make the iLO write a backup file");
        }

        var servicePath = await IloDiscovery.FindBackupRestoreServiceAsync(session, cancellationToken).ConfigureAwait(false);
        var service = await IloDiscovery.GetBackupRestoreServiceAsync(session, servicePath, client.Options.BackupCreationTimeout, cancellationToken)
            .ConfigureAwait(false);
        return service.BackupFilesPath
            ?? throw new RedfishProtocolException($"{session.Endpoint}: this iLO keeps no backup files on its NAND (no BackupFiles collection)");
    }

    private async Task<NandBackupList> ListAsync(RedfishSession session, bool mayReadService, CancellationToken cancellationToken)
    {
        var collection = await session.GetAsync(await FindCollectionAsync(session, mayReadService, cancellationToken).ConfigureAwait(false), cancellationToken)
            .ConfigureAwait(false);
        var files = new List<NandBackupFile>();
        foreach (var member in RedfishJson.Members(collection))
        {
            var body = await session.GetAsync(member, cancellationToken).ConfigureAwait(false);
            files.Add(new NandBackupFile(
                UntrustedText.Clean(RedfishJson.String(body, "Id")) ?? member.TrimEnd('/').Split('/')[^1],
                member,
                UntrustedText.Clean(RedfishJson.String(body, "Created")),
                RedfishJson.Int64(body, "FileSize"),
                UntrustedText.Clean(RedfishJson.String(body, "FirmwareVersion")),
                RedfishJson.String(body, "Actions", RestoreAction, "target")));
        }

        var allowed = RedfishJson.Int64(collection, "Oem", "Hpe", "BackupFilesAllowed");
        var count = RedfishJson.Int64(collection, "Oem", "Hpe", "BackupFileCount") ?? files.Count;
        return new NandBackupList(allowed is null ? null : (int)allowed, (int)count, files);
    }

    private async Task<NandBackupFile> FindAsync(RedfishSession session, string id, CancellationToken cancellationToken)
    {
        var list = await ListAsync(session, mayReadService: true, cancellationToken).ConfigureAwait(false);
        return list.Files.FirstOrDefault(f => string.Equals(f.Id, id, StringComparison.OrdinalIgnoreCase))
            ?? throw new RedfishProtocolException(
                $"{session.Endpoint}: no NAND backup with id '{id}' (there are: {(list.Files.Count == 0 ? "none" : string.Join(", ", list.Files.Select(f => f.Id)))})");
    }
}
