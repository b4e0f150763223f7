using System.Text;
using System.Text.Json.Nodes;
using IloBackup.Emulator.Hosting;
using IloBackup.Redfish;
using IloBackup.Redfish.Credentials;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Integration.Tests.Hostile;

/// <summary>
/// A hostile iLO built from the real emulator over real sockets (plain HTTP on 127.0.0.1): route
/// overrides (<see cref="RouteOverrides"/>) rewrite its answers into attacks: another serial number,
/// links to another host, odd locations, endless or trickling bodies. Clients to it go through the
/// client's own socket handler, as the CLI does; the CLI itself runs in process with a password file.
/// </summary>
internal sealed class HostileIlo : IAsyncDisposable
{
    public const string Password = "Hostile-Passw0rd-1";

    private HostileIlo(EmulatorFleet fleet, string directory)
    {
        Fleet = fleet;
        Directory = directory;
        PasswordFile = Path.Combine(directory, "password");
        File.WriteAllText(PasswordFile, Password + "\n");
    }

    public EmulatorFleet Fleet { get; }

    public string Directory { get; }

    public string PasswordFile { get; }

    public static async Task<HostileIlo> StartAsync(int count = 1, long backupPadding = 0)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("ilobackup-hostile-").FullName;
        var fleet = await EmulatorFleet.StartAsync(new EmulatorOptions
        {
            Count = count,
            FirstPort = 0,
            UseHttps = false,
            AdminPassword = Password,
            StateDirectory = Path.Combine(directory, "state"),
            ResetDuration = TimeSpan.FromMilliseconds(500),
            BackupRestore = new IloBackup.Emulator.BackupRestore.BackupRestoreOptions { BackupPaddingBytes = backupPadding },
        });
        return new HostileIlo(fleet, directory);
    }

    /// <summary><c>http://127.0.0.1:PORT</c> of iLO <paramref name="index"/>.</summary>
    public string Url(int index = 0) => Fleet[index].BaseUrl.GetLeftPart(UriPartial.Authority);

    /// <summary>A client over a real socket, as the CLI makes it.</summary>
    public RedfishClient Client(int index = 0, RedfishClientOptions? options = null, TimeProvider? time = null) =>
        RedfishClient.CreateBuilder(RedfishEndpoint.Parse(Url(index)))
            .WithCredentials(new RedfishCredential(Fleet.AdminUser, Password))
            .WithOptions(options ?? new RedfishClientOptions { RetryDelay = TimeSpan.FromMilliseconds(10) })
            .WithTimeProvider(time ?? TimeProvider.System)
            .Build();

    /// <summary>The CLI's login options for this iLO.</summary>
    public string[] Login => ["--user", Fleet.AdminUser, "--password-file", PasswordFile];

    /// <summary>Rewrites the JSON text of successful GETs whose path matches (query ignored).</summary>
    public IDisposable RewriteText(int index, Func<string, bool> path, Func<string, string> change) =>
        Fleet.Overrides.Add(
            (context, ilo) => ilo.Index == index && HttpMethods.IsGet(context.Request.Method) && path(context.Request.Path.Value ?? "/"),
            async (context, _, next) =>
            {
                var original = context.Response.Body;
                using var buffer = new MemoryStream();
                context.Response.Body = buffer;
                await next(context);
                context.Response.Body = original;
                var text = Encoding.UTF8.GetString(buffer.ToArray());
                var bytes = Encoding.UTF8.GetBytes(context.Response.StatusCode == StatusCodes.Status200OK ? change(text) : text);
                context.Response.Headers.ETag = default;
                context.Response.ContentLength = bytes.Length;
                await original.WriteAsync(bytes);
            });

    /// <summary>Rewrites the JSON of successful GETs whose path matches.</summary>
    public IDisposable RewriteJson(int index, Func<string, bool> path, Action<JsonObject> change) =>
        RewriteText(index, path, text =>
        {
            var json = JsonNode.Parse(text)!.AsObject();
            change(json);
            return json.ToJsonString();
        });

    /// <summary>The iLO reports <paramref name="serial"/> as the server's serial number (system and chassis, expanded or not).</summary>
    public IDisposable ReportSerial(int index, string serial) =>
        RewriteJson(index, IsIdentityPath, json => SetEverywhere(json, "SerialNumber", serial));

    /// <summary>Rewrites the Backup and Restore service resource (the GET that creates the file).</summary>
    public IDisposable RewriteBackupService(int index, Action<JsonObject> change) =>
        RewriteJson(index, p => p.TrimEnd('/').EndsWith("/BackupRestoreService", StringComparison.OrdinalIgnoreCase), change);

    /// <summary>
    /// The backup service names its file <paramref name="location"/> (a path on this iLO), which
    /// serves the real file: only the name the iLO gives is hostile.
    /// </summary>
    public IDisposable[] RenameBackup(int index, string location)
    {
        string? real = null;
        var service = RewriteBackupService(index, json =>
        {
            real = (string?)json["BackupFileLocation"];
            json["BackupFileLocation"] = location;
        });
        var download = Fleet.Overrides.Add(
            (context, ilo) => ilo.Index == index && context.Request.Path.Value == location.Split('?')[0],
            (context, _, next) =>
            {
                context.Request.Path = real;
                return next(context);
            });
        return [service, download];
    }

    /// <summary>Answers one method and path of iLO <paramref name="index"/> itself.</summary>
    public IDisposable Answer(int index, string method, string path, RequestDelegate answer) =>
        Fleet.Overrides.Add(index, method, path, (context, _, _) => answer(context));

    public async ValueTask DisposeAsync()
    {
        await Fleet.DisposeAsync();
        System.IO.Directory.Delete(Directory, true);
    }

    /// <summary>Where the serial number and model are read: systems and chassis.</summary>
    public static bool IsIdentityPath(string path) =>
        path.StartsWith("/redfish/v1/Systems", StringComparison.OrdinalIgnoreCase)
        || path.StartsWith("/redfish/v1/Chassis", StringComparison.OrdinalIgnoreCase);

    /// <summary>Sets every property <paramref name="name"/> in the tree to <paramref name="value"/>.</summary>
    public static void SetEverywhere(JsonNode? node, string name, string value)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (key == name)
                    {
                        obj[key] = value;
                    }
                    else
                    {
                        SetEverywhere(obj[key], name, value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    SetEverywhere(item, name, value);
                }

                break;
        }
    }
}
