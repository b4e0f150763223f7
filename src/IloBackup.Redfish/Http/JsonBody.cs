using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using IloBackup.Redfish.Errors;

namespace IloBackup.Redfish.Http;

/// <summary>
/// Reads a JSON object body with a size limit counted on the bytes as they arrive (a chunked body
/// has no Content-Length to check), and refuses text that is not valid Unicode (an escaped unpaired
/// surrogate such as <c>\uD800</c> parses, but no string can be read from it later).
/// </summary>
internal static class JsonBody
{
    private const int FirstBuffer = 16 * 1024;

    public static async Task<JsonObject> ReadObjectAsync(string what, HttpResponseMessage response, int maxBytes, CancellationToken cancellationToken)
    {
        var length = response.Content.Headers.ContentLength;
        if (length > maxBytes)
        {
            throw TooLarge(what, $"a JSON body of {length} bytes", maxBytes);
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(maxBytes + 1L, length + 1 ?? FirstBuffer));
            try
            {
                var count = 0;
                int read;
                while ((read = await stream.ReadAsync(buffer.AsMemory(count), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    count += read;
                    if (count > maxBytes)
                    {
                        throw TooLarge(what, "the JSON body", maxBytes);
                    }

                    if (count == buffer.Length)
                    {
                        buffer = Grow(buffer, count, maxBytes);
                    }
                }

                return Parse(what, response, buffer.AsSpan(0, count));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static JsonObject Parse(string what, HttpResponseMessage response, ReadOnlySpan<byte> body)
    {
        try
        {
            // A surrogate can only come escaped as \uD800-\uDFFF: without such text (the usual case) no
            // string needs decoding, and the check costs one vectorized scan.
            if (body.IndexOf("\\uD"u8) >= 0 || body.IndexOf("\\ud"u8) >= 0)
            {
                CheckStrings(what, body);
            }

            var node = JsonNode.Parse(body);
            return node as JsonObject
                ?? throw new RedfishProtocolException($"{what}: expected a JSON object but got {node?.GetValueKind().ToString() ?? "null"}");
        }
        catch (JsonException e)
        {
            throw new RedfishProtocolException(
                $"{what}: the answer is not valid JSON (Content-Type {response.Content.Headers.ContentType?.MediaType ?? "none"}): {e.Message}", e);
        }
    }

    /// <summary>
    /// Every escaped string must decode to valid UTF-16. Unescaped strings are checked by the parser
    /// (valid UTF-8); only escaped ones are decoded here.
    /// </summary>
    private static void CheckStrings(string what, ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
            {
                try
                {
                    _ = reader.GetString();
                }
                catch (InvalidOperationException e)
                {
                    throw new RedfishProtocolException(
                        $"{what}: the iLO's JSON holds a string that is not valid Unicode (an unpaired surrogate escape such as \\uD800, at byte {reader.TokenStartIndex}); the answer is refused",
                        e);
                }
            }
        }
    }

    private static byte[] Grow(byte[] buffer, int count, int maxBytes)
    {
        var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(maxBytes + 1L, (long)buffer.Length * 2));
        buffer.AsSpan(0, count).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(buffer);
        return bigger;
    }

    private static RedfishProtocolException TooLarge(string what, string body, int maxBytes) =>
        new($"{what}: {body} is over the {maxBytes / 1024 / 1024.0:0.##} MiB limit for a JSON answer; refused without reading the rest");
}
