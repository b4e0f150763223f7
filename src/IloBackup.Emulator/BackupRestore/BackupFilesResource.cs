using System.Text.Json.Nodes;
using IloBackup.Emulator.Redfish;
using IloBackup.Emulator.Resources;
using IloBackup.Emulator.Security;

namespace IloBackup.Emulator.BackupRestore;

/// <summary>
/// <c>BackupRestoreService/BackupFiles</c> (§3): the backup kept on the iLO itself (one allowed),
/// in iLO's shape: collection <c>Name</c> "Backup File Collection" with its <c>Oem.Hpe</c>
/// (<c>HpeiLOBackupFilesInformation</c>), member id <c>1</c>, <c>FirmwareVersion</c> like <c>2.78</c>.
/// POST <c>{}</c> creates (or replaces) it, a member shows <c>Created</c>, <c>FileSize</c> and
/// <c>FirmwareVersion</c>, DELETE removes it, <c>HpeiLOBackupFile.Restore</c> restores it. Reading
/// the service does not touch it (sources: docs/emulator.md, "Backup files").
/// </summary>
internal static class BackupFilesResource
{
    public const string CollectionType = "#HpeiLOBackupFileCollection.HpeiLOBackupFileCollection";
    public const string MemberType = "#HpeiLOBackupFile.v1_0_0.HpeiLOBackupFile";
    public const string RestoreAction = "HpeiLOBackupFile.Restore";
    private const string Collection = BackupRestoreServiceResource.BackupFilesPath;
    private const string Member = Collection + "/{id}";

    public static void Map(RedfishRoutes routes)
    {
        routes.MapGet(Collection, BackupRestoreCallers.Backup, ListAsync);
        routes.MapPost(Collection, BackupRestoreCallers.Backup, CreateAsync);
        routes.MapGet(Member, BackupRestoreCallers.Backup, GetAsync);
        routes.MapDelete(Member, BackupRestoreCallers.Backup, DeleteAsync);
        routes.MapPost(Member + "/Actions/" + RestoreAction, IloPrivileges.Login, RestoreAsync);
    }

    private static ValueTask<RedfishResponse> ListAsync(RedfishRequest request)
    {
        var files = BackupRestoreFeature.Of(request.Ilo).KeptBackups;
        var body = ResourceJson.Collection(Collection, CollectionType, "Backup File Collection", files.Select(_ => Collection + "/" + BackupRestoreFeature.KeptBackupId));
        body["@odata.context"] = "/redfish/v1/$metadata#HpeiLOBackupFileCollection.HpeiLOBackupFileCollection";
        body["Oem"] = new JsonObject
        {
            ["Hpe"] = new JsonObject
            {
                ["@odata.type"] = "#HpeiLOBackupFilesInformation.v1_0_0.HpeiLOBackupFilesInformation",
                ["BackupFileCount"] = files.Count,
                ["BackupFilesAllowed"] = 1,
            },
        };
        return ValueTask.FromResult(RedfishResponse.Resource(body));
    }

    private static async ValueTask<RedfishResponse> CreateAsync(RedfishRequest request)
    {
        await RequireEmptyBodyAsync(request);
        var feature = BackupRestoreFeature.Of(request.Ilo);
        await feature.CreateKeptBackupAsync(request.Aborted);
        var path = Collection + "/" + BackupRestoreFeature.KeptBackupId;
        var member = await MemberAsync(feature, BackupRestoreFeature.KeptBackupId, request.Aborted)
            ?? throw new RedfishException(BaseMessages.InternalError);
        return RedfishResponse.Created(member, path);
    }

    private static async ValueTask<RedfishResponse> GetAsync(RedfishRequest request)
    {
        var id = request.RouteValue("id");
        var body = await MemberAsync(BackupRestoreFeature.Of(request.Ilo), id, request.Aborted) ?? throw NotFound(id);
        return RedfishResponse.Resource(body);
    }

    private static ValueTask<RedfishResponse> DeleteAsync(RedfishRequest request)
    {
        var id = request.RouteValue("id");
        return BackupRestoreFeature.Of(request.Ilo).DeleteKeptBackup(id)
            ? ValueTask.FromResult(RedfishResponse.Success())
            : throw NotFound(id);
    }

    /// <summary>Restores the kept file: same checks and same apply as an upload (§3), privileges checked here so a refusal is logged.</summary>
    private static async ValueTask<RedfishResponse> RestoreAsync(RedfishRequest request)
    {
        var id = request.RouteValue("id");
        var name = id == BackupRestoreFeature.KeptBackupId ? BackupRestoreFeature.KeptBackupFile : id;
        var feature = BackupRestoreFeature.Of(request.Ilo);
        var who = request.User?.UserName ?? "unknown";

        // Privileges first: a caller who may not restore learns nothing from a 400 or 404 (issue 6, authorization matrix).
        if (request.Caller is not { } caller || !BackupRestoreCallers.Holds(caller, BackupRestoreCallers.Restore))
        {
            feature.Ilo.AppendEventLog($"Restore of backup file {BackupRestoreFeature.Printable(name)} refused (insufficient privileges) for {BackupRestoreFeature.Printable(who)}.", "Warning");
            throw new RedfishException(BaseMessages.InsufficientPrivilege);
        }

        await using var file = feature.OpenKeptBackup(id) ?? throw NotFound(id);
        await RequireEmptyBodyAsync(request);
        try
        {
            var plan = await feature.PrepareRestoreAsync(file, file.Length, password: null, name, request.Aborted);
            feature.ApplyRestore(plan, who);
            return RedfishResponse.Success();
        }
        catch (RestoreRefusedException refusal)
        {
            feature.LogRefusal(refusal, name, who);
            throw RefusalMessages.ToRedfish(refusal, name, feature.Ilo);
        }
    }

    private static async Task<JsonObject?> MemberAsync(BackupRestoreFeature feature, string id, CancellationToken cancellationToken)
    {
        var file = id == BackupRestoreFeature.KeptBackupId ? feature.KeptBackups.FirstOrDefault() : null;
        var header = file is null ? null : await feature.ReadKeptBackupHeaderAsync(id, cancellationToken);
        if (file is null || header is null)
        {
            return null;
        }

        var path = Collection + "/" + id;
        var body = ResourceJson.Resource(path, MemberType, id, "Backup File", "HpeiLOBackupFile.HpeiLOBackupFile");
        body["Created"] = ResourceJson.Iso(header.CreatedAt);
        body["FileSize"] = file.Size;
        body["FirmwareVersion"] = header.Origin.FirmwareVersion;
        body["Actions"] = new JsonObject
        {
            ["#" + RestoreAction] = ResourceJson.Action(path + "/Actions/" + RestoreAction),
        };
        return body;
    }

    /// <summary>The create and restore actions take <c>{}</c> (or no body at all).</summary>
    private static async Task RequireEmptyBodyAsync(RedfishRequest request)
    {
        if (request.HttpContext.Request.ContentLength is 0 or null && request.HttpContext.Request.ContentType is null)
        {
            return;
        }

        var body = await request.ReadJsonObjectAsync();
        if (body.Count > 0)
        {
            throw new RedfishException(BaseMessages.PropertyUnknown, body.First().Key);
        }
    }

    private static RedfishException NotFound(string id) =>
        new(BaseMessages.ResourceMissingAtURI, Collection + "/" + BackupRestoreFeature.Printable(id));
}
