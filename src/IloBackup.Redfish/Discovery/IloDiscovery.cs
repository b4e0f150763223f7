using System.Text.Json.Nodes;
using IloBackup.Redfish.Errors;
using IloBackup.Redfish.Json;
using IloBackup.Redfish.Sessions;

namespace IloBackup.Redfish.Discovery;

/// <summary>
/// Finds resources by following links, as iLOrest does (§1): service root → Managers → the
/// first manager → <c>Oem.Hpe.Links.BackupRestoreService</c>, and the ResourceDirectory by type
/// as a fallback. No URI is hard-coded.
/// </summary>
public static class IloDiscovery
{
    private const string BackupServiceType = "#HpeiLOBackupRestoreService.";
    private const string BackupFilesType = "#HpeiLOBackupFileCollection.";

    /// <summary>
    /// True when the service root advertises <c>$expand=.</c> (<c>ProtocolFeaturesSupported.ExpandQuery.NoLinks</c>;
    /// iLO 5/6 do): a collection and its members can then be read in one request.
    /// </summary>
    public static bool SupportsExpand(JsonObject serviceRoot) =>
        RedfishJson.Boolean(serviceRoot, "ProtocolFeaturesSupported", "ExpandQuery", "NoLinks") == true;

    /// <summary>The path of the first manager (the iLO itself, <c>Managers/1</c> on HPE); found once per session.</summary>
    public static async Task<string> FindManagerAsync(RedfishSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.Discovery.ManagerPath is { } known)
        {
            return known;
        }

        var managers = RedfishJson.Link(session.ServiceRoot, "Managers")
            ?? throw new RedfishProtocolException($"{session.Endpoint}: the service root links no Managers collection");
        var (path, body) = await FirstMemberAsync(session, managers, cancellationToken).ConfigureAwait(false);
        session.Discovery.ManagerPath = path ?? throw new RedfishProtocolException($"{session.Endpoint}: the Managers collection is empty");
        session.Discovery.Manager ??= body;
        return path;
    }

    /// <summary>
    /// The first manager's resource as first read in this session, for its links (services,
    /// network, backup service): read once per session (with the Managers collection when the iLO
    /// offers <c>$expand</c>). Read it again with <see cref="RedfishSession.GetAsync(string, CancellationToken)"/>
    /// for values that may change.
    /// </summary>
    public static async Task<JsonObject> GetManagerLinksAsync(RedfishSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var path = await FindManagerAsync(session, cancellationToken).ConfigureAwait(false);
        if (session.Discovery.Manager is { } known)
        {
            return known;
        }

        var manager = await session.GetAsync(path, cancellationToken).ConfigureAwait(false);
        session.Discovery.Manager = manager;
        return manager;
    }

    /// <summary>The path of the first computer system (<c>Systems/1</c> on HPE), or null; found once per session.</summary>
    public static async Task<string?> FindSystemAsync(RedfishSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.Discovery.SystemKnown)
        {
            return session.Discovery.SystemPath;
        }

        var systems = RedfishJson.Link(session.ServiceRoot, "Systems");
        string? found = null;
        JsonObject? body = null;
        if (systems is not null)
        {
            try
            {
                (found, body) = await FirstMemberAsync(session, systems, cancellationToken).ConfigureAwait(false);
            }
            catch (RedfishHttpException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                // Linked but not served (seen on partial Redfish implementations): no system to read.
            }
        }

        session.Discovery.SystemPath = found;
        session.Discovery.System ??= body;
        session.Discovery.SystemKnown = true;
        return found;
    }

    /// <summary>
    /// The first computer system as first read in this session (its identity and settings do not
    /// change while a session lives: a restore or reset ends it), or null when there is none.
    /// </summary>
    public static async Task<JsonObject?> GetSystemAsync(RedfishSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var path = await FindSystemAsync(session, cancellationToken).ConfigureAwait(false);
        if (path is null || session.Discovery.System is { } known)
        {
            return path is null ? null : session.Discovery.System;
        }

        var system = await session.GetAsync(path, cancellationToken).ConfigureAwait(false);
        session.Discovery.System = system;
        return system;
    }

    /// <summary>
    /// The first member of a collection: its path, and its resource when the iLO gave it inline
    /// (asked with <c>$expand=.</c> when advertised; null otherwise, to be read on its own).
    /// </summary>
    private static async Task<(string? Path, JsonObject? Body)> FirstMemberAsync(
        RedfishSession session, string collectionPath, CancellationToken cancellationToken)
    {
        var expand = SupportsExpand(session.ServiceRoot);
        var collection = await session.GetAsync(expand ? RedfishJson.WithQuery(collectionPath, "$expand=.") : collectionPath, cancellationToken)
            .ConfigureAwait(false);
        var first = (RedfishJson.At(collection, "Members") as JsonArray)?.FirstOrDefault(m => RedfishJson.Link(m) is not null);
        return first is null ? (null, null) : (RedfishJson.Link(first), RedfishJson.IsInline(first) ? first.AsObject() : null);
    }

    /// <summary>The path of the backup and restore service, or a clear error when this iLO has none.</summary>
    public static async Task<string> FindBackupRestoreServiceAsync(RedfishSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var manager = await GetManagerLinksAsync(session, cancellationToken).ConfigureAwait(false);
        var linked = RedfishJson.Link(manager, "Oem", "Hpe", "Links", "BackupRestoreService");
        if (linked is not null)
        {
            return linked;
        }

        if (await FindInResourceDirectoryAsync(session, BackupServiceType, cancellationToken).ConfigureAwait(false) is { } found)
        {
            return found;
        }

        throw new RedfishProtocolException(
            $"{session.Endpoint}: this iLO offers no Backup and Restore service (neither linked from its manager nor in its ResourceDirectory)");
    }

    /// <summary>
    /// The path of the collection of backups kept on the iLO (<c>BackupFiles</c>), found in the
    /// ResourceDirectory by its type (<c>HpeiLOBackupFileCollection</c>, as iLOrest selects it), or
    /// null. Unlike the link in the service's body, this costs no GET of the service, which would
    /// make the iLO write a backup file: read-only verbs use this.
    /// </summary>
    public static Task<string?> FindBackupFilesAsync(RedfishSession session, CancellationToken cancellationToken) =>
        FindInResourceDirectoryAsync(session, BackupFilesType, cancellationToken);

    /// <summary>The first ResourceDirectory instance whose <c>@odata.type</c> starts with <paramref name="typePrefix"/>, or null (also when the iLO has no ResourceDirectory).</summary>
    public static async Task<string?> FindInResourceDirectoryAsync(RedfishSession session, string typePrefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var directory = RedfishJson.Link(session.ServiceRoot, "Oem", "Hpe", "Links", "ResourceDirectory");
        if (directory is null)
        {
            return null;
        }

        var instances = RedfishJson.At(await session.GetAsync(directory, cancellationToken).ConfigureAwait(false), "Instances");
        return (instances as JsonArray)?
            .Where(i => RedfishJson.String(i, "@odata.type")?.StartsWith(typePrefix, StringComparison.OrdinalIgnoreCase) == true)
            .Select(i => RedfishJson.Link(i))
            .FirstOrDefault(p => p is not null);
    }

    /// <summary>
    /// Reads the service. On iLO a GET of this resource creates a backup file on the iLO's NAND (§3)
    /// and answers once it exists, hence the longer <paramref name="timeout"/>.
    /// </summary>
    public static async Task<BackupRestoreServiceInfo> GetBackupRestoreServiceAsync(
        RedfishSession session, string servicePath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var body = await session.GetAsync(servicePath, timeout, cancellationToken).ConfigureAwait(false);
        return new BackupRestoreServiceInfo(
            servicePath,
            RedfishJson.String(body, "BackupFileLocation"),
            RedfishJson.String(body, "HttpPushUri"),
            RedfishJson.Link(body, "BackupFiles"),
            RedfishJson.Boolean(body, "CustomBackupandRestore"),
            body);
    }
}
