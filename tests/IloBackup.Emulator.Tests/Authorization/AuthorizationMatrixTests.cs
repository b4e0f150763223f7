using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using IloBackup.Emulator.BackupRestore;
using IloBackup.Emulator.Redfish;
using IloBackup.Emulator.Resources;
using IloBackup.Emulator.Security;
using Xunit.Abstractions;

namespace IloBackup.Emulator.Tests.Authorization;

/// <summary>
/// Issue 6, "Hostile input": every route of the emulator's route table (enumerated, so a new
/// endpoint cannot escape) × seven callers gives 401, 403 or an authorized answer as
/// docs/security.md ("Authorization matrix") says.
/// </summary>
public sealed class AuthorizationMatrixTests(ITestOutputHelper output)
{
    /// <summary>Routes whose handler checks privileges itself (deferred authentication, or a
    /// stricter check than the route's): the privileges really required. Every
    /// <see cref="RedfishAuth.Deferred"/> route must be listed here.</summary>
    private static readonly Dictionary<string, IloPrivileges> HandlerChecked = new(StringComparer.OrdinalIgnoreCase)
    {
        ["POST " + BackupRestoreServiceResource.PushUri] = IloPrivileges.ILOConfig | IloPrivileges.UserConfig,
        ["POST /bkupdata/{name}"] = IloPrivileges.ILOConfig,
        ["POST " + BackupRestoreServiceResource.BackupFilesPath + "/{id}/Actions/HpeiLOBackupFile.Restore"] = IloPrivileges.ILOConfig | IloPrivileges.UserConfig,
        // The matrix deletes the administrator's session: another user's session needs Administer User Accounts.
        ["DELETE " + IloPaths.Sessions + "/{id}"] = IloPrivileges.Login | IloPrivileges.UserConfig,
    };

    public static TheoryData<string> Routes()
    {
        var data = new TheoryData<string>();
        foreach (var route in AllRoutes())
        {
            data.Add(route.ToString());
        }

        return data;
    }

    [Fact]
    public void Every_route_is_in_the_matrix_and_every_deferred_route_has_its_privileges()
    {
        var routes = AllRoutes();
        Assert.True(routes.Count >= 60, $"only {routes.Count} routes: is the table enumerated?");
        foreach (var route in routes.Where(r => r.Auth == RedfishAuth.Deferred))
        {
            Assert.True(HandlerChecked.ContainsKey(route.ToString()), $"{route} authenticates itself but has no expected privileges in the matrix");
        }

        Assert.All(HandlerChecked.Keys, key => Assert.Contains(routes, r => r.ToString().Equals(key, StringComparison.OrdinalIgnoreCase)));
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Each_caller_gets_the_expected_answer(string name)
    {
        var route = AllRoutes().Single(r => r.ToString() == name);
        await using var emulator = await EmulatorFixture.StartAsync();
        var callers = await MatrixCallers.CreateAsync(emulator);
        var path = await PathOfAsync(emulator, callers, route);
        var failures = new List<string>();
        foreach (var caller in callers.All)
        {
            var expected = Expect(route, caller);
            var status = await SendAsync(emulator, route, path, caller.Token);
            output.WriteLine($"{route.Method} {path} as {caller.Name}: {status} (expected {expected})");
            if (!Meets(expected, status, route))
            {
                failures.Add($"{caller.Name}: {status}, expected {expected}");
            }
        }

        Assert.True(failures.Count == 0, $"{route}: " + string.Join("; ", failures));
    }

    internal static IReadOnlyList<RedfishRoute> AllRoutes()
    {
        // Declared only, not mapped: the list of routes with their facts.
        var routes = new RedfishRoutes(null, _ => _ => Task.CompletedTask);
        EmulatorRoutes.Map(routes);
        return routes.Routes;
    }

    private static string Expect(RedfishRoute route, MatrixCaller caller)
    {
        if (route.Auth == RedfishAuth.Anonymous)
        {
            return "authorized";
        }

        if (caller.Privileges is not { } held)
        {
            return "401";
        }

        var needed = HandlerChecked.TryGetValue(route.ToString(), out var p) ? p : route.Privilege;
        return (held & needed) == needed ? "authorized" : "403";
    }

    private static bool Meets(string expected, int status, RedfishRoute route) => expected switch
    {
        "401" => status == 401,
        "403" => status == 403,
        // Authorized: past the checks. A GET of a real resource is a 2xx; other verbs may still
        // refuse the empty test body (400) or the state (404/409), but never 401/403 or 5xx.
        _ => route.Method == "GET" ? status is >= 200 and < 300 : status is not (401 or 403) and < 500,
    };

    /// <summary>The route's template with real values: the backup file the administrator just made, account and session 1.</summary>
    private static async Task<string> PathOfAsync(EmulatorFixture emulator, MatrixCallers callers, RedfishRoute route)
    {
        var path = route.Template;
        if (!path.Contains('{', StringComparison.Ordinal))
        {
            return path;
        }

        var backupId = "HPE_NONE_20260101_0000";
        var downloadName = backupId + ".bak";
        if (path.StartsWith("/bkupdata", StringComparison.Ordinal))
        {
            using var client = emulator.Client();
            client.DefaultRequestHeaders.Add("X-Auth-Token", callers.AdministratorToken);
            var service = await JsonAssert.GetAsync(client, IloPaths.BackupRestoreService);
            downloadName = service["BackupFileLocation"]!.GetValue<string>()["/bkupdata/".Length..];
        }

        if (path.Contains("BackupFiles", StringComparison.Ordinal))
        {
            using var client = emulator.Client();
            client.DefaultRequestHeaders.Add("X-Auth-Token", callers.AdministratorToken);
            using var created = await client.PostAsync(BackupRestoreServiceResource.BackupFilesPath, JsonContent.Create(new JsonObject()));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            backupId = created.Headers.Location!.ToString().Split('/')[^1];
        }

        return path
            .Replace("{name}", downloadName, StringComparison.Ordinal)
            .Replace("{file}", "ServiceRoot.json", StringComparison.Ordinal)
            .Replace(BackupRestoreServiceResource.BackupFilesPath + "/{id}", BackupRestoreServiceResource.BackupFilesPath + "/" + backupId, StringComparison.Ordinal)
            .Replace(IloPaths.JsonSchemas + "/{id}", IloPaths.JsonSchemas + "/ServiceRoot", StringComparison.Ordinal)
            .Replace(IloPaths.Roles + "/{id}", IloPaths.Roles + "/ReadOnly", StringComparison.Ordinal)
            .Replace("/Entries/{id}", "/Entries/" + await FirstEntryAsync(emulator, callers, path), StringComparison.Ordinal)
            .Replace(IloPaths.Sessions + "/{id}", IloPaths.Sessions + "/" + callers.AdministratorSessionId, StringComparison.Ordinal)
            .Replace("{id}", "1", StringComparison.Ordinal);
    }

    private static async Task<string> FirstEntryAsync(EmulatorFixture emulator, MatrixCallers callers, string template)
    {
        if (!template.EndsWith("/Entries/{id}", StringComparison.Ordinal))
        {
            return "1";
        }

        emulator.Fleet[0].AppendIml("Matrix test entry.");
        using var client = emulator.Client();
        client.DefaultRequestHeaders.Add("X-Auth-Token", callers.AdministratorToken);
        var collection = await client.GetFromJsonAsync<JsonObject>(template[..template.LastIndexOf('/')]);
        var first = collection!["Members"]!.AsArray().FirstOrDefault();
        Assert.True(first is not null, template + ": the fresh iLO has no log entry to read");
        return first["@odata.id"]!.GetValue<string>().TrimEnd('/').Split('/')[^1];
    }

    /// <summary>Sends the request the way a client of that route would: the token as header and
    /// cookie, and for multipart routes as the <c>sessionKey</c> form field too.</summary>
    private static async Task<int> SendAsync(EmulatorFixture emulator, RedfishRoute route, string path, string? token)
    {
        using var client = emulator.Client();
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
        if (token is not null)
        {
            request.Headers.Add("X-Auth-Token", token);
            request.Headers.Add("Cookie", "sessionKey=" + token);
        }

        if (route.Method is "POST" or "PATCH" or "PUT")
        {
            if (route.IsJson)
            {
                // The backup-file actions take no body; everything else gets an empty object.
                if (!route.Template.EndsWith("Restore", StringComparison.Ordinal) && !route.Template.EndsWith("BackupFiles", StringComparison.Ordinal))
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }
            }
            else
            {
                var form = new MultipartFormDataContent();
                if (token is not null)
                {
                    form.Add(new StringContent(token), "sessionKey");
                }

                form.Add(new ByteArrayContent([]), "file", "empty.bak");
                request.Content = form;
            }
        }

        using var response = await client.SendAsync(request);
        return (int)response.StatusCode;
    }
}
