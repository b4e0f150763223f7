using System.Text.Json.Nodes;
using IloBackup.Emulator.Redfish;
using IloBackup.Emulator.Resources;
using IloBackup.Emulator.Security;

namespace IloBackup.Emulator.BackupRestore;

/// <summary>
/// <c>/redfish/v1/Managers/1/BackupRestoreService</c> (§3): a GET creates the backup file and
/// reports where it is; PATCH changes <c>CustomBackupandRestore</c> and nothing else.
/// </summary>
internal static class BackupRestoreServiceResource
{
    public const string ODataType = "#HpeiLOBackupRestoreService.v2_2_0.HpeiLOBackupRestoreService";
    public const string PushUri = "/cgi-bin/uploadRestoreFile";
    public const string BackupFilesPath = IloPaths.BackupRestoreService + "/BackupFiles";
    private const string CustomProperty = "CustomBackupandRestore";

    public static void Map(RedfishRoutes routes)
    {
        routes.MapGet(IloPaths.BackupRestoreService, IloPrivileges.ILOConfig, GetAsync).HasSideEffects(ODataType);
        routes.MapPatch(IloPaths.BackupRestoreService, IloPrivileges.ILOConfig, PatchAsync);
    }

    private static async ValueTask<RedfishResponse> GetAsync(RedfishRequest request)
    {
        var feature = BackupRestoreFeature.Of(request.Ilo);
        var file = await feature.CreateBackupAsync(request.Aborted);
        return RedfishResponse.Resource(Body(feature, BackupFileNames.UriPrefix + file.Name));
    }

    /// <summary>
    /// Only <c>CustomBackupandRestore</c> is writable (§3): anything else is iLO's PropertyNotWritableOrUnknown.
    /// Absent on firmware without it (PropertyNotWritableOrUnknown too), refused in FIPS and CNSA (§6).
    /// </summary>
    private static async ValueTask<RedfishResponse> PatchAsync(RedfishRequest request)
    {
        var feature = BackupRestoreFeature.Of(request.Ilo);
        // The GET makes a download, so the pipeline's If-Match step cannot render it: check here,
        // on the same representation without a download (its location is left out of the ETag).
        Redfish.Pipeline.IfMatchStep.EnsureMatches(request.HttpContext, Body(feature, ""));
        var body = await request.ReadJsonObjectAsync();
        if (body.Count == 0)
        {
            throw new RedfishException(BaseMessages.UnrecognizedRequestBody);
        }

        foreach (var (name, _) in body)
        {
            if (name != CustomProperty && !name.StartsWith("@odata.", StringComparison.Ordinal))
            {
                throw new RedfishException(BaseMessages.PropertyNotWritableOrUnknown, name);
            }
        }

        if (!body.ContainsKey(CustomProperty))
        {
            throw new RedfishException(BaseMessages.UnrecognizedRequestBody);
        }

        if (!feature.SupportsCustomBackup)
        {
            throw new RedfishException(BaseMessages.PropertyNotWritableOrUnknown, CustomProperty);
        }

        var value = new JsonBody(new JsonObject { [CustomProperty] = body[CustomProperty]?.DeepClone() }).Boolean(CustomProperty)
            ?? throw new RedfishException(BaseMessages.PropertyValueTypeError, "null", CustomProperty);
        if (!feature.CustomBackupAllowedInSecurityState)
        {
            throw new RedfishException(BaseMessages.ActionNotAllowed, $"custom backup and restore is not supported in the {request.Ilo.State.SecurityState} security state");
        }

        feature.SetCustomBackupAndRestore(value, request.User?.UserName ?? "unknown");
        return RedfishResponse.Success();
    }

    private static JsonObject Body(BackupRestoreFeature feature, string location)
    {
        var body = new JsonObject
        {
            ["@odata.context"] = "/redfish/v1/$metadata#HpeiLOBackupRestoreService.HpeiLOBackupRestoreService",
            ["@odata.id"] = IloPaths.BackupRestoreService,
            ["@odata.type"] = ODataType,
            ["BackupFileLocation"] = location,
            ["BackupFiles"] = ResourceJson.Link(BackupFilesPath),
            ["HttpPushUri"] = PushUri,
            ["Id"] = "BackupRestoreService",
            ["Name"] = "Backup Restore Service",
        };
        if (feature.SupportsCustomBackup)
        {
            body[CustomProperty] = feature.CustomBackupAndRestore;
        }

        return body;
    }
}
