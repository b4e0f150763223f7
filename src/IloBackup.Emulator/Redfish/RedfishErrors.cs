using System.Text.Json.Nodes;

namespace IloBackup.Emulator.Redfish;

/// <summary>Renders registry messages as iLO does: <c>error</c> + <c>@Message.ExtendedInfo</c> entries holding only <c>MessageId</c> and <c>MessageArgs</c>.</summary>
public static class RedfishErrors
{
    public static JsonObject Body(BaseMessage message, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(args);
        var info = new JsonObject { ["MessageId"] = message.MessageId };
        if (args.Count > 0)
        {
            info["MessageArgs"] = new JsonArray([.. args.Select(a => (JsonNode?)JsonValue.Create(a))]);
        }

        // As iLO: no Message, Severity or Resolution; clients look the id up in /redfish/v1/Registries.
        return new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = "iLO.0.10.ExtendedInfo",
                ["message"] = "See @Message.ExtendedInfo for more information.",
                ["@Message.ExtendedInfo"] = new JsonArray(info),
            },
        };
    }
}
