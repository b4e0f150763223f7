using System.Text;
using IloBackup.Emulator.BackupRestore.Upload;
using IloBackup.Emulator.Redfish;
using IloBackup.Emulator.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace IloBackup.Emulator.BackupRestore;

/// <summary>
/// <c>POST /cgi-bin/uploadRestoreFile</c> (the <c>HttpPushUri</c>, §3): multipart <c>sessionKey</c>,
/// optional <c>password</c>, <c>file</c>; the <c>Cookie: sessionKey=</c> header is required as well,
/// as the seed says. Every check happens before anything changes; then 200 and the iLO resets.
/// </summary>
internal static class RestoreUploadEndpoint
{
    /// <summary>The body iLO answers a missing or wrong backup password with (iLOrest matches it exactly, §3).</summary>
    public const string InvalidRestorePassword = "invalid_restore_password";

    public static void Map(RedfishRoutes routes) =>
        routes.MapPost(BackupRestoreServiceResource.PushUri, IloPrivileges.None, PostAsync).DeferAuthentication().Raw();

    private static async ValueTask<RedfishResponse> PostAsync(RedfishRequest request)
    {
        var context = request.HttpContext;
        var feature = BackupRestoreFeature.Of(request.Ilo);
        var options = feature.Options;

        // 1. The cookie session, before reading a byte of the body.
        var cookieKey = RedfishAuthentication.SessionKeyFromCookie(context);
        var caller = BackupRestoreCallers.FindByToken(request.Ilo, cookieKey)
            ?? throw new RedfishException(BaseMessages.NoValidSession);
        var who = caller.Account.UserName;
        if (!BackupRestoreCallers.Holds(caller, BackupRestoreCallers.Restore))
        {
            throw Refused(feature, new RedfishException(BaseMessages.InsufficientPrivilege), "(not read)", who, "insufficient privileges");
        }

        if (feature.IsRestoreInProgress)
        {
            throw Refused(feature, new RedfishException(BaseMessages.ResourceInUse), "(not read)", who, "a restore is in progress");
        }

        // 2. The body, streamed to a temporary file within the size limit.
        var limit = options.EffectiveUploadLimit;
        if (context.Request.ContentLength > limit)
        {
            throw TooLarge(feature, who);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            // Kestrel's own limit stays just above ours, so ours (and its 413) normally fires first.
            bodySize.MaxRequestBodySize = limit + (64 * 1024);
        }

        MultipartForm form;
        try
        {
            form = await MultipartFormReader.ReadAsync(
                context.Request.ContentType, context.Request.Body, limit, "file", options.UploadDirectoryOrDefault, request.Aborted);
        }
        catch (UploadException e) when (e.Reason == UploadRefusal.TooLarge)
        {
            throw TooLarge(feature, who);
        }
        catch (UploadException)
        {
            throw new RedfishException(BaseMessages.UnrecognizedRequestBody);
        }

        await using (form)
        {
            // 3. The form's session key must be the cookie's (both required, §3).
            if (!BackupRestoreCallers.SameKey(form["sessionKey"], cookieKey))
            {
                throw new RedfishException(BaseMessages.NoValidSession);
            }

            if (form.File is null)
            {
                throw new RedfishException(BaseMessages.PropertyMissing, "file");
            }

            var fileName = form.FileName ?? "(unnamed)";
            var password = form["password"];
            RestorePlan plan;
            try
            {
                plan = await feature.PrepareRestoreAsync(form.File, form.FileLength, string.IsNullOrEmpty(password) ? null : password, fileName, request.Aborted);
            }
            catch (RestoreRefusedException refusal)
            {
                feature.LogRefusal(refusal, fileName, who);
                if (refusal.Reason == RestoreRefusal.InvalidPassword)
                {
                    return InvalidPassword();
                }

                throw RefusalMessages.ToRedfish(refusal, fileName, feature.Ilo);
            }

            // 4. Apply, unless the session ended meanwhile (e.g. another restore reset the iLO).
            if (BackupRestoreCallers.FindByToken(request.Ilo, cookieKey) is null)
            {
                throw new RedfishException(BaseMessages.NoValidSession);
            }

            try
            {
                feature.ApplyRestore(plan, who);
            }
            catch (RestoreRefusedException refusal)
            {
                feature.LogRefusal(refusal, fileName, who);
                throw RefusalMessages.ToRedfish(refusal, fileName, feature.Ilo);
            }

            return RedfishResponse.Success();
        }
    }

    /// <summary>400 with exactly <c>invalid_restore_password</c> as a plain body, as iLO answers (§3).</summary>
    private static RedfishResponse InvalidPassword() => RedfishResponse.Raw(async context =>
    {
        var body = Encoding.ASCII.GetBytes(InvalidRestorePassword);
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/plain";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    });

    private static RedfishException TooLarge(BackupRestoreFeature feature, string who) =>
        Refused(
            feature,
            new RedfishException(BaseMessages.UploadTooLarge),
            "(not read)",
            who,
            "over the size limit");

    private static RedfishException Refused(BackupRestoreFeature feature, RedfishException error, string fileName, string who, string why)
    {
        feature.Ilo.AppendEventLog($"Restore of backup file {fileName} refused ({why}) for {BackupRestoreFeature.Printable(who)}.", "Warning");
        return error;
    }
}
