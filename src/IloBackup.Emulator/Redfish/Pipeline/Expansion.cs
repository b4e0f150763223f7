using System.Text.Json.Nodes;

namespace IloBackup.Emulator.Redfish.Pipeline;

/// <summary><c>$expand</c>: replaces the wanted hyperlinks of a resource by the resources they name, as this caller may read them.</summary>
internal sealed class Expansion(RedfishResolver resolver, RedfishRequest origin, ExpandMode mode)
{
    public async Task ExpandAsync(JsonNode? node, bool insideLinks, int depth)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    var links = insideLinks || key == "Links";
                    if (depth > 0 || key != "@odata.id")
                    {
                        if (await TryResolveAsync(value, links) is { } resolved)
                        {
                            obj[key] = resolved;
                        }
                        else
                        {
                            await ExpandAsync(value, links, depth + 1);
                        }
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (await TryResolveAsync(array[i], insideLinks) is { } resolved)
                    {
                        array[i] = resolved;
                    }
                    else
                    {
                        await ExpandAsync(array[i], insideLinks, depth + 1);
                    }
                }

                break;
        }
    }

    private async ValueTask<JsonObject?> TryResolveAsync(JsonNode? node, bool links) =>
        node is JsonObject { Count: 1 } reference && reference["@odata.id"] is JsonValue target
            && target.TryGetValue<string>(out var path) && Wanted(links)
            ? await resolver.ResolveAsync(origin, path)
            : null;

    private bool Wanted(bool links) => mode switch
    {
        ExpandMode.All => true,
        ExpandMode.Links => links,
        _ => !links,
    };
}
