using System.Text.Json;
using System.Text.Json.Nodes;

namespace IloBackup.Emulator.Redfish;

/// <summary>
/// Validates a request body property by property: each accessor checks the type and marks the
/// property as understood; <see cref="EnsureFullyRead"/> then refuses whatever is left
/// (<c>PropertyNotWritable</c> for known read-only properties, <c>PropertyUnknown</c> otherwise).
/// Handlers read everything first and change the model only after, so a refused request changes nothing.
/// </summary>
public sealed class JsonBody
{
    private readonly JsonObject _json;
    private readonly string _prefix;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly List<JsonBody> _children = [];

    public JsonBody(JsonObject json, string prefix = "")
    {
        _json = json ?? throw new ArgumentNullException(nameof(json));
        _prefix = prefix;
    }

    public bool IsEmpty => _json.Count == 0;

    /// <summary>The body of a PATCH: what is left over is iLO's <c>PropertyNotWritableOrUnknown</c>.</summary>
    public bool IsPatch { get; init; }

    /// <summary>
    /// Refuses (400 <c>MalformedJSON</c>) a body whose text is not valid Unicode: invalid UTF-8 bytes
    /// anywhere, or an escaped lone surrogate (<c>"\ud800"</c>) in a name or a string. The JSON parser
    /// accepts both and the failure would come later, when a handler reads the string (a 500).
    /// </summary>
    public static void EnsureValidText(ReadOnlySpan<byte> json)
    {
        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            throw new RedfishException(BaseMessages.MalformedJSON);
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 1024 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.PropertyName or JsonTokenType.String && reader.ValueIsEscaped)
                {
                    _ = reader.GetString();
                }
            }
        }
        catch (Exception e) when (e is InvalidOperationException or JsonException)
        {
            throw new RedfishException(BaseMessages.MalformedJSON);
        }
    }

    /// <summary>
    /// A PATCH whose body holds only OData annotations (<c>@odata.etag</c>, <c>Name@odata.type</c>...)
    /// asks for nothing: 400 <c>NoOperation</c> (DSP0266, "PATCH (update)").
    /// </summary>
    public static void RefuseAnnotationsOnly(JsonObject json, string method)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (string.Equals(method, "PATCH", StringComparison.OrdinalIgnoreCase) && json.Count > 0 && json.All(p => p.Key.Contains('@', StringComparison.Ordinal)))
        {
            throw new RedfishException(BaseMessages.NoOperation);
        }
    }

    public bool Has(string name) => _json.ContainsKey(name);

    public string? String(string name, int maxLength = 256)
    {
        if (!TryTake(name, out var node))
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            var text = value.GetValue<string>();
            if (text.Length > maxLength)
            {
                throw new RedfishException(BaseMessages.PropertyValueFormatError, Shorten(text), Path(name));
            }

            return text;
        }

        throw TypeError(name, node);
    }

    /// <summary>A string that must be one of <paramref name="allowed"/>.</summary>
    public string? Enum(string name, IEnumerable<string> allowed)
    {
        var text = String(name);
        if (text is not null && !allowed.Contains(text, StringComparer.Ordinal))
        {
            throw new RedfishException(BaseMessages.PropertyValueNotInList, Shorten(text), Path(name));
        }

        return text;
    }

    public bool? Boolean(string name)
    {
        if (!TryTake(name, out var node))
        {
            return null;
        }

        return node is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? value.GetValue<bool>()
            : throw TypeError(name, node);
    }

    public int? Integer(string name, int min = int.MinValue, int max = int.MaxValue)
    {
        if (!TryTake(name, out var node))
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var number))
        {
            return number < min || number > max
                ? throw new RedfishException(BaseMessages.PropertyValueOutOfRange, number.ToString(System.Globalization.CultureInfo.InvariantCulture), Path(name))
                : number;
        }

        throw TypeError(name, node);
    }

    /// <summary>An array of strings (null elements refused), at most <paramref name="maxItems"/>.</summary>
    public IReadOnlyList<string>? StringArray(string name, int maxItems = 16, int maxLength = 256)
    {
        if (!TryTake(name, out var node))
        {
            return null;
        }

        if (node is not JsonArray array)
        {
            throw TypeError(name, node);
        }

        if (array.Count > maxItems)
        {
            throw new RedfishException(BaseMessages.PropertyValueOutOfRange, array.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Path(name));
        }

        var items = new List<string>(array.Count);
        foreach (var item in array)
        {
            if (item is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
            {
                throw TypeError(name, item);
            }

            var text = value.GetValue<string>();
            if (text.Length > maxLength)
            {
                throw new RedfishException(BaseMessages.PropertyValueFormatError, Shorten(text), Path(name));
            }

            items.Add(text);
        }

        return items;
    }

    /// <summary>A nested object, itself validated the same way.</summary>
    public JsonBody? Object(string name)
    {
        if (!TryTake(name, out var node))
        {
            return null;
        }

        if (node is not JsonObject obj)
        {
            throw TypeError(name, node);
        }

        var child = new JsonBody(obj, Path(name) + "/") { IsPatch = IsPatch };
        _children.Add(child);
        return child;
    }

    /// <summary>An array of objects (e.g. <c>IPv4StaticAddresses</c>).</summary>
    public IReadOnlyList<JsonBody>? ObjectArray(string name, int maxItems = 16)
    {
        if (!TryTake(name, out var node))
        {
            return null;
        }

        if (node is not JsonArray array || array.Count > maxItems)
        {
            throw TypeError(name, node);
        }

        var items = new List<JsonBody>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject obj)
            {
                throw TypeError(name, array[i]);
            }

            var child = new JsonBody(obj, $"{Path(name)}[{i}]/") { IsPatch = IsPatch };
            _children.Add(child);
            items.Add(child);
        }

        return items;
    }

    /// <summary>Refuses every property no accessor read, here and in nested objects.</summary>
    /// <param name="readOnly">Properties the resource has but a client may not set.</param>
    public void EnsureFullyRead(params string[] readOnly)
    {
        foreach (var (name, _) in _json)
        {
            if (_read.Contains(name))
            {
                continue;
            }

            if (IsPatch)
            {
                // iLO answers a PATCH of a read-only or unknown property with its own message.
                throw new RedfishException(BaseMessages.PropertyNotWritableOrUnknown, Path(name));
            }

            var known = name.StartsWith('@') || readOnly.Contains(name, StringComparer.Ordinal);
            throw new RedfishException(known ? BaseMessages.PropertyNotWritable : BaseMessages.PropertyUnknown, Path(name));
        }

        foreach (var child in _children)
        {
            child.EnsureFullyRead(readOnly);
        }
    }

    private bool TryTake(string name, out JsonNode? node)
    {
        if (!_json.TryGetPropertyValue(name, out node))
        {
            return false;
        }

        _read.Add(name);
        return true;
    }

    private string Path(string name) => _prefix + name;

    private RedfishException TypeError(string name, JsonNode? node) =>
        new(BaseMessages.PropertyValueTypeError, Shorten(node?.ToJsonString() ?? "null"), Path(name));

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "...";
}
