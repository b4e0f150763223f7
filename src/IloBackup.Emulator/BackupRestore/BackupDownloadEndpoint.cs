using IloBackup.Emulator.BackupFile;
using IloBackup.Emulator.BackupRestore.Upload;
using IloBackup.Emulator.Redfish;
using IloBackup.Emulator.Security;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Emulator.BackupRestore;

/// <summary>
/// <c>/bkupdata/&lt;name&gt;</c> (§3): the backup file, by GET (session in <c>X-Auth-Token</c> or the
/// <c>sessionKey</c> cookie) or by multipart POST (<c>sessionKey</c> and optional <c>password</c>
/// fields, as iLOrest sends). 200 <c>application/octet-stream</c> with Content-Length, streamed;
/// every error is a JSON Redfish error with its status, never something that looks like a file.
/// Only names of backup files resolve, so nothing outside the backup files can be served.
/// </summary>
internal static class BackupDownloadEndpoint
{
    public const string Template = "/bkupdata/{name}";

    /// <summary>A download form carries two short fields; anything bigger is not one.</summary>
    private const long MaxFormBytes = 64 * 1024;

    public static void Map(RedfishRoutes routes)
    {
        routes.MapGet(Template, BackupRestoreCallers.Backup, GetAsync).AcceptSessionCookie().Raw();
        routes.MapPost(Template, IloPrivileges.None, PostAsync).DeferAuthentication().Raw();
    }

    private static ValueTask<RedfishResponse> GetAsync(RedfishRequest request) =>
        ValueTask.FromResult(Download(request, password: null));

    private static async ValueTask<RedfishResponse> PostAsync(RedfishRequest request)
    {
        var http = request.HttpContext.Request;
        var options = BackupRestoreFeature.Of(request.Ilo).Options;
        string? formKey = null;
        string? password = null;
        if (http.ContentLength is > 0 || http.ContentType is not null)
        {
            try
            {
                await using var form = await MultipartFormReader.ReadAsync(
                    http.ContentType, http.Body, MaxFormBytes, "file", options.UploadDirectoryOrDefault, request.Aborted);
                formKey = form["sessionKey"];
                password = form["password"];
            }
            catch (UploadException)
            {
                throw new RedfishException(BaseMessages.UnrecognizedRequestBody);
            }
        }

        var caller = request.Caller ?? BackupRestoreCallers.FindByToken(request.Ilo, formKey)
            ?? throw new RedfishException(BaseMessages.NoValidSession);
        if (!BackupRestoreCallers.Holds(caller, BackupRestoreCallers.Backup))
        {
            throw new RedfishException(BaseMessages.InsufficientPrivilege);
        }

        // Too long, a control character or a lone surrogate: no file can be sealed under it (our choice:
        // the argument names the length only, never the password).
        if (!string.IsNullOrEmpty(password) && !BackupFileFormat.IsAcceptablePassword(password))
        {
            throw new RedfishException(BaseMessages.PropertyValueFormatError, $"({password.Length} characters)", "password");
        }

        return Download(request, string.IsNullOrEmpty(password) ? null : password);
    }

    private static RedfishResponse Download(RedfishRequest request, string? password)
    {
        var name = request.RouteValue("name");
        var feature = BackupRestoreFeature.Of(request.Ilo);
        var stored = feature.OpenBackup(name)
            ?? throw new RedfishException(BaseMessages.ResourceMissingAtURI, BackupFileNames.UriPrefix + BackupRestoreFeature.Printable(name));
        return RedfishResponse.Raw(context => WriteAsync(context, feature, stored, name, password));
    }

    private static async Task WriteAsync(HttpContext context, BackupRestoreFeature feature, Stream stored, string name, string? password)
    {
        await using var _ = stored;
        try
        {
            // Same length either way: re-sealing under a password keeps header size, chunks and padding.
            var length = stored.Length;
            var response = context.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/octet-stream";
            response.ContentLength = length;
            response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
            if (HttpMethods.IsHead(context.Request.Method))
            {
                return;
            }

            await feature.CopyBackupAsync(stored, password, response.Body, context.RequestAborted);
        }
        catch (BackupFileException) when (!context.Response.HasStarted)
        {
            // The NAND copy is damaged and nothing was sent yet: answer a JSON error, not a file.
            context.Response.Clear();
            throw new RedfishException(BaseMessages.InternalError);
        }
    }
}
