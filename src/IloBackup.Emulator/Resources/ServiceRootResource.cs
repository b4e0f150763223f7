using System.Text.Json.Nodes;
using IloBackup.Emulator.Redfish;
using IloBackup.Emulator.Security;
using static IloBackup.Emulator.Resources.ResourceJson;

namespace IloBackup.Emulator.Resources;

/// <summary><c>/redfish</c> and the service root: answered without authentication (§1).</summary>
internal static class ServiceRootResource
{
    public static void Map(RedfishRoutes routes)
    {
        // Exactly {"v1":"/redfish/v1/"} (DSP0266 "Protocol version"): not a resource, so no @odata.etag and no ETag.
        routes.MapGet(IloPaths.Redfish, IloPrivileges.None, _ => ValueTask.FromResult(RedfishResponse.Raw(
                context => RedfishJson.WriteAsync(context, Microsoft.AspNetCore.Http.StatusCodes.Status200OK, new JsonObject { ["v1"] = "/redfish/v1/" }))))
            .AllowAnonymous().Raw();
        routes.MapGet(IloPaths.Root, IloPrivileges.None, GetRoot).AllowAnonymous().Cacheable();
    }

    private static ValueTask<RedfishResponse> GetRoot(RedfishRequest request)
    {
        var ilo = request.Ilo;
        var identity = ilo.Identity;
        var configuration = ilo.Configuration;
        var security = configuration.Security;
        var root = new JsonObject
        {
            ["@odata.context"] = "/redfish/v1/$metadata#ServiceRoot.ServiceRoot",
            ["@odata.id"] = IloPaths.Root,
            ["@odata.type"] = "#ServiceRoot.v1_5_1.ServiceRoot",
            ["Id"] = "RootService",
            ["AccountService"] = Link(IloPaths.AccountService),
            ["Chassis"] = Link(IloPaths.ChassisCollection),
            ["JsonSchemas"] = Link(IloPaths.JsonSchemas),
            ["Links"] = new JsonObject { ["Sessions"] = Link(IloPaths.Sessions) },
            ["Managers"] = Link(IloPaths.Managers),
            ["Name"] = "HPE RESTful Root Service",
            ["Oem"] = new JsonObject
            {
                ["Hpe"] = new JsonObject
                {
                    ["@odata.context"] = "/redfish/v1/$metadata#HpeiLOServiceExt.HpeiLOServiceExt",
                    ["@odata.type"] = "#HpeiLOServiceExt.v2_3_0.HpeiLOServiceExt",
                    ["Links"] = new JsonObject { ["ResourceDirectory"] = Link(IloPaths.ResourceDirectory) },
                    ["Manager"] = new JsonArray(new JsonObject
                    {
                        ["DefaultLanguage"] = "en",
                        ["FQDN"] = Fqdn(configuration.Network),
                        ["HostName"] = configuration.Network.HostName,
                        ["Languages"] = new JsonArray(new JsonObject
                        {
                            ["Language"] = "en",
                            ["TranslationName"] = "English",
                            ["Version"] = identity.FirmwareVersion,
                        }),
                        ["ManagerFirmwareVersion"] = identity.FirmwareVersion,
                        ["ManagerType"] = identity.ManagerModel,
                        ["Status"] = new JsonObject { ["Health"] = "OK" },
                    }),
                    ["Moniker"] = new JsonObject
                    {
                        ["ADVLIC"] = "iLO Advanced",
                        ["BMC"] = "iLO",
                        ["CLASS"] = "Baseboard Management Controller",
                        ["PRODABR"] = "iLO",
                        ["PRODFAM"] = "Integrated Lights-Out",
                        ["PRODGEN"] = identity.ManagerModel,
                        ["PRODNAM"] = "Integrated Lights-Out " + identity.Generation,
                        ["PRODTAG"] = "HPE " + identity.ManagerModel,
                        ["STDLIC"] = "iLO Standard",
                        ["SYSFAM"] = "ProLiant",
                        ["VENDABR"] = "HPE",
                        ["VENDNAM"] = "Hewlett Packard Enterprise",
                        ["WWW"] = "www.hpe.com",
                    },
                    ["Sessions"] = new JsonObject
                    {
                        ["CertificateLoginEnabled"] = false,
                        ["KerberosEnabled"] = false,
                        ["LDAPAuthLicenced"] = configuration.License.Key is not null,
                        ["LDAPEnabled"] = configuration.Users.Directory.LdapEnabled,
                        ["LocalLoginEnabled"] = configuration.Users.Directory.LocalAccountsEnabled,
                        ["LoginFailureDelay"] = security.AuthFailuresBeforeDelay == 0 ? security.AuthFailureDelaySeconds : 0,
                        ["LoginHint"] = new JsonObject
                        {
                            ["Hint"] = "POST to /Sessions to login using the following JSON object:",
                            ["HintPOSTData"] = new JsonObject { ["Password"] = "password", ["UserName"] = "username" },
                        },
                        ["SecurityOverride"] = false,
                        ["ServerName"] = "",
                    },
                    ["System"] = new JsonArray(new JsonObject { ["Status"] = new JsonObject { ["Health"] = "OK" } }),
                    ["Time"] = Iso(ilo.Clock),
                },
            },
            ["Product"] = identity.ProductName,
            ["ProtocolFeaturesSupported"] = new JsonObject
            {
                ["ExpandQuery"] = new JsonObject
                {
                    ["ExpandAll"] = true,
                    ["Levels"] = true,
                    ["Links"] = true,
                    ["MaxLevels"] = 1,
                    ["NoLinks"] = true,
                },
                ["FilterQuery"] = false,
                ["OnlyMemberQuery"] = true,
                ["SelectQuery"] = true,
            },
            ["RedfishVersion"] = "1.6.0",
            ["Registries"] = Link(IloPaths.Registries),
            ["SessionService"] = Link(IloPaths.SessionService),
            ["Systems"] = Link(IloPaths.Systems),
            ["UUID"] = identity.Uuid.ToString(),
            ["Vendor"] = "HPE",
        };
        return ValueTask.FromResult(RedfishResponse.Resource(root));
    }

    internal static string Fqdn(Configuration.NetworkSettings network) =>
        string.IsNullOrEmpty(network.DomainName) ? network.HostName : network.HostName + "." + network.DomainName;
}
