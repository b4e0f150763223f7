using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace IloBackup.Emulator.Faults;

/// <summary>
/// Reads a YAML fault profile into the JSON tree <see cref="FaultProfile"/> checks, remembering the
/// line of every value and key so its errors name the line. YamlDotNet's representation model
/// (as the inventory loader uses it) needs no reflection, so it is safe under Native AOT.
/// </summary>
internal static class FaultProfileYaml
{
    // A profile is a few dozen values: these bounds stop alias bombs (an alias repeats its node).
    private const int MaxDepth = 16;
    private const int MaxNodes = 100_000;

    public static (JsonNode? Root, FaultProfileLines Lines) Read(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new FormatException($"line {ex.Start.Line}: not valid YAML: {FirstLine(ex.Message)}", ex);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet's scanner throws these on some malformed input (seen by the inventory fuzzing, issue 6).
            throw new FormatException($"not valid YAML: {FirstLine(ex.Message)}", ex);
        }

        if (stream.Documents.Count != 1)
        {
            throw new FormatException(stream.Documents.Count == 0 ? "the fault profile is empty" : "a fault profile is one YAML document");
        }

        var lines = new FaultProfileLines();
        var count = 0;
        var root = Convert(stream.Documents[0].RootNode, lines, 0, ref count);
        return (root, lines);
    }

    private static JsonNode? Convert(YamlNode node, FaultProfileLines lines, int depth, ref int count)
    {
        var line = (int)node.Start.Line;
        if (depth > MaxDepth || ++count > MaxNodes)
        {
            throw new FormatException($"line {line}: the profile nests too deep or repeats too much");
        }

        JsonNode? result;
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (key, value) in map.Children)
                {
                    var name = (key as YamlScalarNode)?.Value ?? throw new FormatException($"line {key.Start.Line}: keys must be plain names");
                    if (obj.ContainsKey(name))
                    {
                        throw new FormatException($"line {key.Start.Line}: '{name}' is given twice");
                    }

                    obj[name] = Convert(value, lines, depth + 1, ref count);
                    lines.Key(obj, name, (int)key.Start.Line);
                }

                result = obj;
                break;
            case YamlSequenceNode list:
                var array = new JsonArray();
                foreach (var item in list.Children)
                {
                    array.Add(Convert(item, lines, depth + 1, ref count));
                }

                result = array;
                break;
            case YamlScalarNode scalar:
                result = Scalar(scalar);
                break;
            default:
                throw new FormatException($"line {line}: unsupported YAML node");
        }

        if (result is not null)
        {
            lines.Node(result, line);
        }

        return result;
    }

    /// <summary>Plain scalars that read as numbers, booleans or null become those; quoted ones stay text.</summary>
    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return JsonValue.Create(text);
        }

        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return JsonValue.Create(text[0] is 't' or 'T');
        }

        // Numbers go through JSON text, as a JSON profile's would, so they read as any numeric type.
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return (JsonValue)JsonNode.Parse(integer.ToString(CultureInfo.InvariantCulture))!;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? (JsonValue)JsonNode.Parse(number.ToString("R", CultureInfo.InvariantCulture))!
            : JsonValue.Create(text);
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
