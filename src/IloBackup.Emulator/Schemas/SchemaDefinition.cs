using System.Text.Json.Nodes;

namespace IloBackup.Emulator.Schemas;

/// <summary>
/// A resource type whose schema the emulator serves in detail (its OEM types): the versioned type,
/// a description and its properties. Other served types get a minimal schema (title and type).
/// </summary>
/// <param name="ODataType">e.g. <c>#HpeiLOBackupRestoreService.v2_2_0.HpeiLOBackupRestoreService</c>.</param>
/// <param name="Description">What the resource is.</param>
/// <param name="Properties">Its properties, in order.</param>
public sealed record SchemaDefinition(string ODataType, string Description, IReadOnlyList<SchemaProperty> Properties)
{
    /// <summary><c>#HpeiLOBackupRestoreService.v2_2_0.HpeiLOBackupRestoreService</c> → <c>HpeiLOBackupRestoreService</c>.</summary>
    public string Name => NameOf(ODataType) ?? throw new InvalidOperationException("not an OData type: " + ODataType);

    /// <summary>The schema's short name of an <c>@odata.type</c>, or null when it is not one.</summary>
    public static string? NameOf(string odataType)
    {
        ArgumentNullException.ThrowIfNull(odataType);
        var text = odataType.TrimStart('#');
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var name = dot > 0 ? text[..dot] : null;
        return name is not null && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? name : null;
    }

    /// <summary>The JSON schema document (draft-04 style with HPE's <c>readonly</c>, as iLO serves them).</summary>
    public JsonObject ToJsonSchema()
    {
        var properties = new JsonObject();
        foreach (var property in Properties)
        {
            var node = new JsonObject
            {
                ["description"] = property.Description,
                ["type"] = property.Type,
                ["readonly"] = property.ReadOnly,
            };
            if (property.Format is not null)
            {
                node["format"] = property.Format;
            }

            properties[property.Name] = node;
        }

        return Document(ODataType, Description, properties);
    }

    /// <summary>A minimal schema for a type served without a detailed definition.</summary>
    public static JsonObject Minimal(string odataType) =>
        Document(odataType.StartsWith('#') ? odataType : "#" + odataType, "The " + NameOf(odataType) + " resource.", []);

    private static JsonObject Document(string title, string description, JsonObject properties) => new()
    {
        ["$schema"] = "http://json-schema.org/draft-04/schema#",
        ["title"] = title,
        ["description"] = description,
        ["type"] = "object",
        ["readonly"] = false,
        ["additionalProperties"] = true,
        ["properties"] = properties,
    };
}
