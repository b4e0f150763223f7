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
    public const string IloFilePath = IloPaths.Registries + "/iLO";
    public const string IloStorePath = "/redfish/v1/RegistryStore/registries/en/iLO.json";

    /// <summary>The registry files the Registries collection lists.</summary>
    public static IReadOnlyList<string> Files { get; } = [FilePath, IloFilePath];

    public static void Map(RedfishRoutes routes)
    {
        routes.MapGet(FilePath, IloPrivileges.Login, _ => ValueTask.FromResult(RedfishResponse.Resource(File(FilePath, BaseRegistry.Prefix, BaseRegistry.Version, StorePath))));
        routes.MapGet(StorePath, IloPrivileges.Login, _ => ValueTask.FromResult(RedfishResponse.Resource(Registry())));
        routes.MapGet(IloFilePath, IloPrivileges.Login, _ => ValueTask.FromResult(RedfishResponse.Resource(File(IloFilePath, IloRegistry.Prefix, IloRegistry.Version, IloStorePath))));
        routes.MapGet(IloStorePath, IloPrivileges.Login, _ => ValueTask.FromResult(RedfishResponse.Resource(Registry(
            IloStorePath, IloRegistry.Prefix, IloRegistry.Version, IloRegistry.Messages, "Hewlett Packard Enterprise", "iLO Message Registry",
            "The messages of HPE's iLO registry the emulator answers with (texts written for IloBackup)."))));
    }

    public static JsonObject File() => File(FilePath, BaseRegistry.Prefix, BaseRegistry.Version, StorePath);

    private static JsonObject File(string path, string prefix, string version, string store)
    {
        var body = Resource(path, "#MessageRegistryFile.v1_1_0.MessageRegistryFile", prefix, prefix + " Message Registry File", "MessageRegistryFile.MessageRegistryFile");
        body["Description"] = "Where the " + prefix + " message registry is served";
        body["Languages"] = new JsonArray("en");
        body["Registry"] = prefix + "." + version[..version.LastIndexOf('.')];
        body["Location"] = new JsonArray(new JsonObject { ["Language"] = "en", ["Uri"] = store });
        return body;
    }

    public static JsonObject Registry() => Registry(
        StorePath, BaseRegistry.Prefix, BaseRegistry.Version, BaseRegistry.Messages, "DMTF", "Base Message Registry",
        "The messages of the DMTF Base registry the emulator answers with (texts written for IloBackup).");

    private static JsonObject Registry(string path, string prefix, string version, IReadOnlyList<RegistryMessage> list, string owner, string name, string description)
    {
        var messages = new JsonObject();
        foreach (var message in list)
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
            ["@odata.id"] = path,
            ["@odata.type"] = "#MessageRegistry.v1_4_0.MessageRegistry",
            ["Description"] = description,
            ["Id"] = prefix + "." + version,
            ["Language"] = "en",
            ["Messages"] = messages,
            ["Name"] = name,
            ["OwningEntity"] = owner,
            ["RegistryPrefix"] = prefix,
            ["RegistryVersion"] = version,
        };
    }
}
