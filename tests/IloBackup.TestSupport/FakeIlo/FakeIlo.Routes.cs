using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace IloBackup.TestSupport.FakeIlo;

public sealed partial class FakeIlo
{
    private const string Magic = "FAKEBAK1";

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            Requests.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
            if (Interlocked.Decrement(ref Unavailable) >= 0)
            {
                context.Response.StatusCode = 503;
                context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await Error(context, 503, "Base.1.12.ServiceTemporarilyUnavailable");
                return;
            }

            Interlocked.Exchange(ref Unavailable, 0);
            if (Interlocked.Decrement(ref RequestsUntilFlap) == 0)
            {
                // A second reset while booting: sessions end again.
                Sessions.Clear();
                SessionIds.Clear();
                Interlocked.Exchange(ref Unavailable, ResetRequests);
            }

            await next(context);
        });

        app.MapGet("/redfish/v1/", (HttpContext c) => Json(c, Root()));
        app.MapPost("/redfish/v1/SessionService/Sessions/", Login);
        app.MapGet("/redfish/v1/SessionService/Sessions/{id}/", (HttpContext c, string id) => Authed(c, _ =>
            SessionIds.ContainsKey(id) ? Json(c, new JsonObject { ["Id"] = id }) : Error(c, 404, "Base.1.12.ResourceMissingAtURI")));
        app.MapDelete("/redfish/v1/SessionService/Sessions/{id}/", Logout);
        app.MapGet("/redfish/v1/Managers/", (HttpContext c) => Authed(c, _ => Json(c, Collection("/redfish/v1/Managers/1/"))));
        app.MapGet("/redfish/v1/Managers/1/", (HttpContext c) => Authed(c, _ => Json(c, Manager())));
        app.MapGet("/redfish/v1/Systems/", (HttpContext c) => Authed(c, _ => Json(c, Collection("/redfish/v1/Systems/1/"))));
        app.MapGet("/redfish/v1/Systems/1/", (HttpContext c) => Authed(c, _ => Json(c, new JsonObject
        {
            ["Id"] = "1", ["SerialNumber"] = Serial, ["Model"] = ProductName, ["SKU"] = ProductId, ["PowerState"] = "On",
            ["PowerRestorePolicy"] = "AlwaysOff",
        })));
        app.MapGet("/redfish/v1/AccountService/", (HttpContext c) => Authed(c, _ => Json(c, new JsonObject
        {
            ["Id"] = "AccountService", ["Accounts"] = Link("/redfish/v1/AccountService/Accounts/"), ["MinPasswordLength"] = 8,
        })));
        app.MapGet("/redfish/v1/AccountService/Accounts/", (HttpContext c) => Authed(c, _ => Json(c,
            Collection(Users.Keys.Order(StringComparer.Ordinal).Select(u => $"/redfish/v1/AccountService/Accounts/{u}/").ToArray()))));
        app.MapGet("/redfish/v1/AccountService/Accounts/{name}/", (HttpContext c, string name) => Authed(c, _ =>
            Users.TryGetValue(name, out var u)
                ? Json(c, new JsonObject { ["Id"] = u.UserName, ["UserName"] = u.UserName, ["RoleId"] = u.RoleId, ["Password"] = null })
                : Error(c, 404, "Base.1.12.ResourceMissingAtURI")));
        app.MapGet("/redfish/v1/Managers/1/EthernetInterfaces/", (HttpContext c) => Authed(c, _ => Json(c, Collection("/redfish/v1/Managers/1/EthernetInterfaces/1/"))));
        app.MapGet("/redfish/v1/Managers/1/EthernetInterfaces/1/", (HttpContext c) => Authed(c, _ => Json(c, new JsonObject
        {
            ["Id"] = "1", ["HostName"] = HostName, ["MACAddress"] = "94:40:c9:00:00:01", ["DHCPv4"] = new JsonObject { ["DHCPEnabled"] = true },
        })));
        app.MapGet("/redfish/v1/Managers/1/SecurityService/", (HttpContext c) => Authed(c, _ => Json(c, new JsonObject
        {
            ["Id"] = "SecurityService", ["SecurityState"] = SecurityState,
        })));
        app.MapGet("/redfish/v1/ResourceDirectory/", (HttpContext c) => Authed(c, _ => Json(c, new JsonObject
        {
            ["Instances"] = new JsonArray(new JsonObject
            {
                ["@odata.id"] = "/redfish/v1/Managers/1/BackupRestoreService/",
                ["@odata.type"] = "#HpeiLOBackupRestoreService.v2_2_0.HpeiLOBackupRestoreService",
            }),
        })));
        app.MapGet("/redfish/v1/Managers/1/BackupRestoreService/", (HttpContext c) => Authed(c, _ => Json(c, Service())));
        app.MapMethods("/redfish/v1/Managers/1/BackupRestoreService/", ["PATCH"], PatchService);
        app.MapGet("/redfish/v1/Managers/1/BackupRestoreService/BackupFiles/", (HttpContext c) => Authed(c, _ => Json(c, NandCollection())));
        app.MapPost("/redfish/v1/Managers/1/BackupRestoreService/BackupFiles/", (HttpContext c) => Authed(c, _ =>
        {
            NandFiles.Clear();
            NandFiles.Add("1");
            return Json(c, new JsonObject(), 201);
        }));
        app.MapGet("/redfish/v1/Managers/1/BackupRestoreService/BackupFiles/{id}/", (HttpContext c, string id) => Authed(c, _ =>
            NandFiles.Contains(id)
                ? Json(c, new JsonObject
                {
                    ["Id"] = id, ["Created"] = "2026-11-23T21:00:00Z", ["FileSize"] = 1234, ["FirmwareVersion"] = Firmware,
                    ["Actions"] = new JsonObject
                    {
                        ["#HpeiLOBackupFile.Restore"] = new JsonObject { ["target"] = $"/redfish/v1/Managers/1/BackupRestoreService/BackupFiles/{id}/Actions/HpeiLOBackupFile.Restore/" },
                    },
                })
                : Error(c, 404, "Base.1.12.ResourceMissingAtURI")));
        app.MapDelete("/redfish/v1/Managers/1/BackupRestoreService/BackupFiles/{id}/", (HttpContext c, string id) => Authed(c, _ =>
            NandFiles.Remove(id) ? Json(c, new JsonObject()) : Error(c, 404, "Base.1.12.ResourceMissingAtURI")));
        app.MapPost("/redfish/v1/Managers/1/BackupRestoreService/BackupFiles/{id}/Actions/HpeiLOBackupFile.Restore/", (HttpContext c, string id) => Authed(c, _ =>
        {
            BeginReset();
            return Json(c, new JsonObject());
        }));
        app.MapGet("/bkupdata/{name}", Download);
        app.MapPost("/bkupdata/{name}", Download);
        app.MapPost("/cgi-bin/uploadRestoreFile", Upload);
    }

    private JsonObject Root() => new()
    {
        ["@odata.id"] = "/redfish/v1/",
        ["Product"] = ProductName,
        ["Vendor"] = "HPE",
        ["Managers"] = Link("/redfish/v1/Managers/"),
        ["Systems"] = Link("/redfish/v1/Systems/"),
        ["AccountService"] = Link("/redfish/v1/AccountService/"),
        ["Links"] = new JsonObject { ["Sessions"] = Link("/redfish/v1/SessionService/Sessions/") },
        ["Oem"] = new JsonObject
        {
            ["Hpe"] = new JsonObject
            {
                ["Manager"] = new JsonArray(new JsonObject { ["ManagerType"] = Generation, ["ManagerFirmwareVersion"] = Firmware }),
                ["Links"] = new JsonObject { ["ResourceDirectory"] = Link("/redfish/v1/ResourceDirectory/") },
            },
        },
    };

    private JsonObject Manager()
    {
        var links = new JsonObject { ["SecurityService"] = Link("/redfish/v1/Managers/1/SecurityService/") };
        if (LinkBackupServiceFromManager)
        {
            links["BackupRestoreService"] = Link("/redfish/v1/Managers/1/BackupRestoreService/");
        }

        return new JsonObject
        {
            ["Id"] = "1", ["Model"] = Generation, ["FirmwareVersion"] = $"{Generation} v{Firmware}",
            ["EthernetInterfaces"] = Link("/redfish/v1/Managers/1/EthernetInterfaces/"),
            ["Oem"] = new JsonObject { ["Hpe"] = new JsonObject { ["Links"] = links } },
        };
    }

    private JsonObject Service()
    {
        var body = new JsonObject
        {
            ["@odata.id"] = "/redfish/v1/Managers/1/BackupRestoreService/",
            ["@odata.type"] = "#HpeiLOBackupRestoreService.v2_2_0.HpeiLOBackupRestoreService",
            ["BackupFileLocation"] = $"/bkupdata/HPE_{Serial}_20261123_2130.bak",
            ["BackupFiles"] = Link("/redfish/v1/Managers/1/BackupRestoreService/BackupFiles/"),
            ["HttpPushUri"] = "/cgi-bin/uploadRestoreFile",
            ["Id"] = "BackupRestoreService",
        };
        if (CustomBackupandRestore is { } custom)
        {
            body["CustomBackupandRestore"] = custom;
        }

        return body;
    }

    private JsonObject NandCollection()
    {
        var collection = Collection(NandFiles.Select(f => $"/redfish/v1/Managers/1/BackupRestoreService/BackupFiles/{f}/").ToArray());
        collection["Oem"] = new JsonObject { ["Hpe"] = new JsonObject { ["BackupFileCount"] = NandFiles.Count, ["BackupFilesAllowed"] = 1 } };
        return collection;
    }

    private async Task Login(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body);
        var user = body?["UserName"]?.GetValue<string>() ?? string.Empty;
        var password = body?["Password"]?.GetValue<string>();
        if (!Users.TryGetValue(user, out var account) || account.Password != password)
        {
            await Error(context, 401, "Base.1.12.NoValidSession");
            return;
        }

        Interlocked.Increment(ref Logins);
        var token = NewSession(account.UserName, out var id);
        var path = $"/redfish/v1/SessionService/Sessions/{id}/";
        context.Response.Headers["X-Auth-Token"] = token;
        context.Response.Headers.Location = AbsoluteLocation ? $"{LocationAuthority ?? "https://" + context.Request.Host.Host}{path}" : path;
        await Json(context, new JsonObject { ["@odata.id"] = path, ["Id"] = id, ["UserName"] = account.UserName }, 201);
    }

    private Task Logout(HttpContext context, string id) => Authed(context, caller =>
    {
        _ = caller;
        if (!SessionIds.TryRemove(id, out var token))
        {
            return Error(context, 404, "Base.1.12.ResourceMissingAtURI");
        }

        Sessions.TryRemove(token, out _);
        Interlocked.Increment(ref Logouts);
        return Json(context, new JsonObject());
    });

    private Task PatchService(HttpContext context) => Authed(context, async user =>
    {
        if (!user.ConfigPriv)
        {
            await Error(context, 403, "Base.1.12.InsufficientPrivilege");
            return;
        }

        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        if (body.Count != 1 || !body.ContainsKey("CustomBackupandRestore") || CustomBackupandRestore is null)
        {
            await Error(context, 400, "Base.1.12.PropertyNotWritable");
            return;
        }

        CustomBackupandRestore = body["CustomBackupandRestore"]!.GetValue<bool>();
        await Json(context, new JsonObject());
    });

    private Task Download(HttpContext context, string name) => Authed(context, async user =>
    {
        if (!user.ConfigPriv)
        {
            await Error(context, 403, "Base.1.12.InsufficientPrivilege");
            return;
        }

        string? password = null;
        if (HttpMethods.IsPost(context.Request.Method))
        {
            var form = await context.Request.ReadFormAsync();
            password = form["password"].FirstOrDefault();
        }

        var bytes = BackupBytes(password);
        switch (DownloadFault)
        {
            case DownloadFault.ErrorBodyWith200:
                await Error(context, 200, "Base.1.12.InternalError");
                return;
            case DownloadFault.ServerError:
                await Error(context, 500, "Base.1.12.InternalError");
                return;
            case DownloadFault.WrongContentType:
                context.Response.ContentType = "text/html";
                await context.Response.Body.WriteAsync(bytes);
                return;
            case DownloadFault.ShortBody:
                context.Response.ContentType = "application/octet-stream";
                context.Response.ContentLength = bytes.Length;
                await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
                await context.Response.Body.FlushAsync();
                context.Abort();
                return;
            default:
                break;
        }

        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes.AsMemory(0, 1024));
        await context.Response.Body.FlushAsync();
        DownloadStarted.TrySetResult();
        if (DownloadGate is { } gate)
        {
            await gate.Task.WaitAsync(context.RequestAborted);
        }

        await context.Response.Body.WriteAsync(bytes.AsMemory(1024));
    });

    private Task Upload(HttpContext context)
    {
        var token = context.Request.Headers["X-Auth-Token"].FirstOrDefault();
        var cookie = context.Request.Cookies["sessionKey"];
        if (token is null || cookie != token || !Sessions.TryGetValue(token, out var userName))
        {
            return Error(context, 401, "Base.1.12.NoValidSession");
        }

        var user = Users[userName];
        return UploadAsync(context, user, token);
    }

    private async Task UploadAsync(HttpContext context, FakeIloUser user, string token)
    {
        if (!user.ConfigPriv || !user.UserConfigPriv)
        {
            await Error(context, 403, "Base.1.12.InsufficientPrivilege");
            return;
        }

        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(context.Request.ContentType).Boundary).Value!;
        var reader = new MultipartReader(boundary, context.Request.Body);
        string? sessionKey = null, password = null;
        byte[]? file = null;
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            var disposition = ContentDispositionHeaderValue.Parse(section.ContentDisposition);
            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value!;
            MultipartOrder.Enqueue(name);
            using var buffer = new MemoryStream();
            await section.Body.CopyToAsync(buffer);
            switch (name)
            {
                case "sessionKey": sessionKey = Encoding.UTF8.GetString(buffer.ToArray()); break;
                case "password": password = Encoding.UTF8.GetString(buffer.ToArray()); break;
                case "file": file = buffer.ToArray(); break;
                default: break;
            }
        }

        if (sessionKey != token || file is null)
        {
            await Error(context, 400, "Base.1.12.PropertyMissing");
            return;
        }

        var text = Encoding.UTF8.GetString(file);
        var lines = text.Split('\n', 4);
        if (lines.Length < 4 || lines[0] != Magic)
        {
            await Error(context, 400, "iLO.2.14.RestoreFileInvalid");
            return;
        }

        if (lines[2] != (password ?? string.Empty))
        {
            context.Response.StatusCode = 400;
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("invalid_restore_password");
            return;
        }

        if (lines[1] != Serial)
        {
            await Error(context, 400, "iLO.2.14.RestoreFileFromOtherServer");
            return;
        }

        Apply(JsonNode.Parse(lines[3].Split('\u0000')[0])!.AsObject());
        Interlocked.Increment(ref Restores);
        if (DropRestoreAnswer)
        {
            BeginReset();
            context.Abort();
            return;
        }

        await Json(context, new JsonObject());
        BeginReset();
    }

    private void BeginReset()
    {
        Sessions.Clear();
        SessionIds.Clear();
        Interlocked.Exchange(ref Unavailable, ResetRequests);
        Interlocked.Exchange(ref RequestsUntilFlap, FlapAfter ?? -1);
    }

    private byte[] BackupBytes(string? password) =>
        Encoding.UTF8.GetBytes($"{Magic}\n{Serial}\n{password}\n{Configuration().ToJsonString()}\u0000{new string('x', BackupPadding)}");

    private Task Authed(HttpContext context, Func<FakeIloUser, Task> handler)
    {
        var token = context.Request.Headers["X-Auth-Token"].FirstOrDefault() ?? context.Request.Cookies["sessionKey"];
        if (token is null || !Sessions.TryGetValue(token, out var user) || !Users.TryGetValue(user, out var account))
        {
            return Error(context, 401, "Base.1.12.NoValidSession");
        }

        return handler(account);
    }

    private static JsonObject Link(string path) => new() { ["@odata.id"] = path };

    private static JsonObject Collection(params string[] members) => new()
    {
        ["Members"] = new JsonArray(members.Select(m => (JsonNode)Link(m)).ToArray()),
        ["Members@odata.count"] = members.Length,
    };

    private static Task Json(HttpContext context, JsonObject body, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers["OData-Version"] = "4.0";
        return context.Response.WriteAsync(body.ToJsonString());
    }

    private static Task Error(HttpContext context, int status, string messageId) => Json(context, new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["code"] = "iLO.0.10.ExtendedInfo",
            ["message"] = "See @Message.ExtendedInfo for more information.",
            ["@Message.ExtendedInfo"] = new JsonArray(new JsonObject { ["MessageId"] = messageId }),
        },
    }, status);
}
