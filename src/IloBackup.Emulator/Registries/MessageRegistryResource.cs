using System.Text.Json.Nodes;
using IloBackup.Emulator.Redfish;
using IloBackup.Emulator.Resources;
using IloBackup.Emulator.Security;
using static IloBackup.Emulator.Resources.ResourceJson;

namespace IloBackup.Emulator.Registries;

/// <summary>
/// <c>/redfish/v1/Registries/Base</c> (a <c>MessageRegistryFile</c>) and the registry it points to,
/// <c>/redfish/v1/RegistryStore/registries/en/Base.json</c>, so a client can look up the text of a
/// <c>MessageId</c> (docs/emulator.md). The ids and arguments are DMTF's; the texts are ours.
/// </summary>
internal static class MessageRegistryResource
{
    public const string FilePath = IloPaths.Registries + "/Base";
    public const string StorePath = "/redfish/v1/RegistryStore/registries/en/Base.json";

    public static void Map(RedfishRoutes routes)
    {
        routes.MapGet(FilePath, IloPrivileges.Login, _ => ValueTask.FromResult(RedfishResponse.Resource(File())));
        routes.MapGet(StorePath, IloPrivileges.Login, _ => ValueTask.FromResult(RedfishResponse.Resource(Registry())));
    }

    public static JsonObject File()
    {
        var body = Resource(FilePath, "#MessageRegistryFile.v1_1_0.MessageRegistryFile", "Base", "Base Message Registry File", "MessageRegistryFile.MessageRegistryFile");
        body["Description"] = "Where the Base message registry is served";
        body["Languages"] = new JsonArray("en");
        body["Registry"] = BaseRegistry.Prefix + "." + BaseRegistry.Version[..BaseRegistry.Version.LastIndexOf('.')];
        body["Location"] = new JsonArray(new JsonObject { ["Language"] = "en", ["Uri"] = StorePath });
        return body;
    }

    public static JsonObject Registry()
    {
        var messages = new JsonObject();
        foreach (var message in BaseRegistry.Messages)
        {
            messages[message.Name] = new JsonObject
            {
                ["Description"] = message.Message,
                ["Message"] = message.Message,
                ["MessageSeverity"] = message.Severity,
                ["NumberOfArgs"] = message.ParamTypes.Length,
                ["ParamTypes"] = new JsonArray([.. message.ParamTypes.Select(t => (JsonNode?)JsonValue.Create(t))]),
                ["Resolution"] = message.Resolution,
                ["Severity"] = message.Severity,
            };
        }

        return new JsonObject
        {
            ["@odata.id"] = StorePath,
            ["@odata.type"] = "#MessageRegistry.v1_4_0.MessageRegistry",
            ["Description"] = "The messages of the DMTF Base registry the emulator answers with (texts written for IloBackup).",
            ["Id"] = BaseRegistry.Prefix + "." + BaseRegistry.Version,
            ["Language"] = "en",
            ["Messages"] = messages,
            ["Name"] = "Base Message Registry",
            ["OwningEntity"] = "DMTF",
            ["RegistryPrefix"] = BaseRegistry.Prefix,
            ["RegistryVersion"] = BaseRegistry.Version,
        };
    }
}
