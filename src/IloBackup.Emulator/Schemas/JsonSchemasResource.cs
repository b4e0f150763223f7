using System.Text.Json.Nodes;
using IloBackup.Emulator.Redfish;
using IloBackup.Emulator.Resources;
using IloBackup.Emulator.Security;

namespace IloBackup.Emulator.Schemas;

/// <summary>
/// <c>/redfish/v1/JsonSchemas</c> (§1): one <c>JsonSchemaFile</c> per resource type the emulator
/// serves (found, like the ResourceDirectory, from what the iLO actually serves, plus the Backup and
/// Restore OEM types), each pointing at <c>/redfish/v1/SchemaStore/en/&lt;Type&gt;.json/</c>, where
/// iLOrest reads a property's description, type and read-only flag (<c>ilorest info</c>, <c>ilorest set</c>).
/// </summary>
internal static class JsonSchemasResource
{
    public const string SchemaStorePrefix = "/redfish/v1/SchemaStore/en/";
    private const string FileType = "#JsonSchemaFile.v1_0_4.JsonSchemaFile";

    /// <summary>Marks a request already crawling: the ResourceDirectory crawl reaches JsonSchemas itself.</summary>
    private static readonly object Crawling = new();

    /// <summary>The served types, once found in this request.</summary>
    private static readonly object Found = new();

    public static void Map(RedfishRoutes routes)
    {
        routes.MapGet(IloPaths.JsonSchemas, IloPrivileges.Login, ListAsync);
        routes.MapGet(IloPaths.JsonSchemas + "/{id}", IloPrivileges.Login, GetAsync);
        routes.MapGet(SchemaStorePrefix + "{file}", IloPrivileges.Login, SchemaAsync);
    }

    /// <summary>Every served type by short name (<c>Manager</c> → <c>#Manager.v1_5_1.Manager</c>), with an instance of it.</summary>
    internal static async Task<IReadOnlyDictionary<string, ServedType>> ServedTypesAsync(RedfishRequest request)
    {
        // Computed once per request: $expand of the collection resolves every member.
        var items = request.HttpContext.Items;
        if (items.TryGetValue(Found, out var found) && found is IReadOnlyDictionary<string, ServedType> known)
        {
            return known;
        }

        var types = new SortedDictionary<string, ServedType>(StringComparer.OrdinalIgnoreCase);
        foreach (var definition in BackupRestoreSchemas.All.Values)
        {
            types[definition.Name] = new ServedType(definition.ODataType, null, false);
        }

        Add(types, "#JsonSchemaFileCollection.JsonSchemaFileCollection", null, false);
        Add(types, FileType, null, false);
        if (items.TryAdd(Crawling, true) && await request.Resolver.ResolveAsync(request, IloPaths.ResourceDirectory) is { } directory)
        {
            Add(types, directory["@odata.type"]?.GetValue<string>(), IloPaths.ResourceDirectory, false);
            foreach (var instance in directory["Instances"]?.AsArray() ?? [])
            {
                var methods = instance?["HttpMethods"]?.AsArray().Select(m => m?.GetValue<string>()) ?? [];
                Add(types, instance?["@odata.type"]?.GetValue<string>(), instance?["@odata.id"]?.GetValue<string>(), methods.Contains("PATCH"));
            }
        }

        items[Found] = types;
        return types;

        static void Add(SortedDictionary<string, ServedType> types, string? odataType, string? path, bool writable)
        {
            if (odataType is not null && SchemaDefinition.NameOf(odataType) is { } name)
            {
                types.TryAdd(name, new ServedType(odataType, path, writable));
            }
        }
    }

    private static async ValueTask<RedfishResponse> ListAsync(RedfishRequest request)
    {
        var types = await ServedTypesAsync(request);
        var body = ResourceJson.Collection(IloPaths.JsonSchemas, "#JsonSchemaFileCollection.JsonSchemaFileCollection", "JSON Schemas", types.Keys.Select(n => IloPaths.JsonSchemas + "/" + n));
        return RedfishResponse.Resource(body);
    }

    private static async ValueTask<RedfishResponse> GetAsync(RedfishRequest request)
    {
        var id = request.RouteValue("id");
        var types = await ServedTypesAsync(request);
        if (!types.TryGetValue(id, out var served))
        {
            throw new RedfishException(BaseMessages.ResourceMissingAtURI, IloPaths.JsonSchemas + "/" + Printable(id));
        }

        var odataType = served.ODataType;
        var name = SchemaDefinition.NameOf(odataType)!;
        var body = ResourceJson.Resource(IloPaths.JsonSchemas + "/" + name, FileType, name, name + " Schema File", "JsonSchemaFile.JsonSchemaFile");
        body["Description"] = name + " Schema File Location";
        body["Languages"] = ResourceJson.Strings(["en"]);
        body["Schema"] = odataType;
        body["Location"] = new JsonArray(new JsonObject { ["Language"] = "en", ["Uri"] = SchemaStorePrefix + name + ".json/" });
        return RedfishResponse.Resource(body);
    }

    private static async ValueTask<RedfishResponse> SchemaAsync(RedfishRequest request)
    {
        var file = request.RouteValue("file");
        var name = file.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? file[..^5] : null;
        if (name is not null && BackupRestoreSchemas.All.TryGetValue(name, out var definition))
        {
            return RedfishResponse.Resource(definition.ToJsonSchema());
        }

        var types = await ServedTypesAsync(request);
        if (name is null || !types.TryGetValue(name, out var served))
        {
            throw new RedfishException(BaseMessages.ResourceMissingAtURI, SchemaStorePrefix + Printable(file));
        }

        // The side-effect GET (the backup service) is never resolved here: it has a detailed schema.
        return served.InstancePath is { } path && await request.Resolver.ResolveAsync(request, path) is { } instance
            ? RedfishResponse.Resource(SchemaInference.FromInstance(served.ODataType, instance, served.Writable))
            : RedfishResponse.Resource(SchemaDefinition.Minimal(served.ODataType));
    }

    private static string Printable(string text) => new([.. text.Take(128).Select(c => char.IsControl(c) ? '?' : c)]);
}
