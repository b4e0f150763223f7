using System.Text.Json.Nodes;
using IloBackup.Emulator.Redfish;
using IloBackup.Emulator.Resources;
using IloBackup.Emulator.Security;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Emulator.Schemas;

/// <summary>
/// <c>/redfish/v1/odata</c>: the OData service document DSP0266 requires ("OData service document"),
/// without authentication: <c>@odata.context</c> <c>/redfish/v1/$metadata</c> and a <c>value</c>
/// array naming the service root and each resource linked from it. Not a Redfish resource, so no
/// <c>@odata.etag</c>.
/// </summary>
internal static class ODataServiceResource
{
    public const string Path = "/redfish/v1/odata";

    /// <summary>The service root's direct children, by the property name the root links them under.</summary>
    private static readonly (string Name, string Url)[] Children =
    [
        ("AccountService", IloPaths.AccountService),
        ("Chassis", IloPaths.ChassisCollection),
        ("JsonSchemas", IloPaths.JsonSchemas),
        ("Managers", IloPaths.Managers),
        ("Registries", IloPaths.Registries),
        ("SessionService", IloPaths.SessionService),
        ("Sessions", IloPaths.Sessions),
        ("Systems", IloPaths.Systems),
    ];

    public static void Map(RedfishRoutes routes) =>
        routes.MapGet(Path, IloPrivileges.None, _ => ValueTask.FromResult(RedfishResponse.Raw(WriteAsync))).AllowAnonymous().Raw();

    /// <summary>The service document.</summary>
    public static JsonObject Document()
    {
        var value = new JsonArray(Entry("Service", IloPaths.Root + "/"));
        foreach (var (name, url) in Children)
        {
            value.Add((JsonNode)Entry(name, url));
        }

        return new JsonObject { ["@odata.context"] = MetadataResource.Path, ["value"] = value };
    }

    private static JsonObject Entry(string name, string url) => new() { ["name"] = name, ["kind"] = "Singleton", ["url"] = url };

    private static Task WriteAsync(HttpContext context) => RedfishJson.WriteAsync(context, StatusCodes.Status200OK, Document());
}
