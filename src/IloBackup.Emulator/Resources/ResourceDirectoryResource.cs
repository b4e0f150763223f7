using System.Text.Json.Nodes;
using IloBackup.Emulator.Redfish;
using IloBackup.Emulator.Security;

namespace IloBackup.Emulator.Resources;

/// <summary>
/// <c>/redfish/v1/ResourceDirectory</c>: every resource with its type, ETag and methods, found by
/// following links from the service root. iLOrest finds the backup service by type here (§1).
/// Log entries are not listed (only their collections), as on iLO.
/// </summary>
internal static class ResourceDirectoryResource
{
    private const int MaxInstances = 500;

    public static void Map(RedfishRoutes routes) =>
        routes.MapGet(IloPaths.ResourceDirectory, IloPrivileges.Login, GetAsync);

    private static async ValueTask<RedfishResponse> GetAsync(RedfishRequest request)
    {
        var resolver = request.Resolver;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { IloPaths.ResourceDirectory };
        var queue = new Queue<string>([IloPaths.Root]);
        var instances = new JsonArray();
        while (queue.Count > 0 && instances.Count < MaxInstances)
        {
            var path = queue.Dequeue();
            if (!seen.Add(path.TrimEnd('/')) || IsSchemaOrRegistry(path))
            {
                continue;
            }

            if (await resolver.MatchGetAsync(path) is not var (route, _, allowed))
            {
                continue;
            }

            var methods = new JsonArray([.. allowed.Methods.Select(m => (JsonNode?)JsonValue.Create(m))]);
            if (route.SideEffectODataType is { } type)
            {
                // iLOrest reads an ETag from every instance: a side-effect GET gets one of its id and type.
                var etag = RedfishJson.AddETag(new JsonObject { ["@odata.id"] = path.TrimEnd('/'), ["@odata.type"] = type });
                instances.Add((JsonNode)new JsonObject { ["@odata.id"] = path.TrimEnd('/'), ["@odata.type"] = type, ["ETag"] = etag, ["HttpMethods"] = methods });

                // Its links are not read (that GET makes a backup), but iLO lists its collection of kept
                // backups (HpeiLOBackupFileCollection, which iLOrest selects): follow that one by name.
                queue.Enqueue(path.TrimEnd('/') + "/BackupFiles");
                continue;
            }

            var resource = await resolver.ResolveAsync(request, path);
            if (resource is null)
            {
                continue;
            }

            instances.Add((JsonNode)new JsonObject
            {
                ["@odata.id"] = path.TrimEnd('/'),
                ["@odata.type"] = resource["@odata.type"]?.DeepClone(),
                ["ETag"] = resource["@odata.etag"]?.DeepClone(),
                ["HttpMethods"] = methods,
            });
            if (path.EndsWith("/Entries", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var link in Links(resource))
            {
                if (!seen.Contains(link.TrimEnd('/')))
                {
                    queue.Enqueue(link);
                }
            }
        }

        return RedfishResponse.Resource(new JsonObject
        {
            ["@odata.context"] = "/redfish/v1/$metadata#HpeiLOResourceDirectory.HpeiLOResourceDirectory",
            ["@odata.id"] = IloPaths.ResourceDirectory,
            ["@odata.type"] = "#HpeiLOResourceDirectory.v2_0_0.HpeiLOResourceDirectory",
            ["Description"] = "iLO Resource Directory",
            ["Id"] = "ResourceDirectory",
            ["Instances"] = instances,
            ["Name"] = "iLO Resource Directory",
        });
    }

    private static IEnumerable<string> Links(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "@odata.id")
                    {
                        continue;
                    }

                    if (value is JsonObject { Count: 1 } link && link["@odata.id"] is JsonValue v && v.TryGetValue<string>(out var path)
                        && path.StartsWith("/redfish/v1/", StringComparison.Ordinal))
                    {
                        yield return path;
                    }
                    else
                    {
                        foreach (var nested in Links(value))
                        {
                            yield return nested;
                        }
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is JsonObject { Count: 1 } link && link["@odata.id"] is JsonValue v && v.TryGetValue<string>(out var path)
                        && path.StartsWith("/redfish/v1/", StringComparison.Ordinal))
                    {
                        yield return path;
                    }
                    else
                    {
                        foreach (var nested in Links(item))
                        {
                            yield return nested;
                        }
                    }
                }

                break;
        }
    }

    /// <summary>
    /// Schemas and registries are not listed <b>(our choice, read from iLOrest's code)</b>: iLOrest downloads them itself
    /// (<c>JsonSchemas/?$expand=.</c>) only when its resource directory does not already hold
    /// their collections, and without them <c>ilorest info</c> finds no schema.
    /// </summary>
    private static bool IsSchemaOrRegistry(string path) =>
        path.StartsWith(IloPaths.JsonSchemas, StringComparison.OrdinalIgnoreCase)
        || path.StartsWith(IloPaths.Registries, StringComparison.OrdinalIgnoreCase);
}
