using System.Text.Json;
using System.Text.Json.Nodes;
using IloBackup.Redfish.Errors;

namespace IloBackup.Redfish.Http;

/// <summary>Reads a JSON object body with a size limit.</summary>
internal static class JsonBody
{
    public static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response, int maxBytes, CancellationToken cancellationToken)
    {
        var length = response.Content.Headers.ContentLength;
        if (length > maxBytes)
        {
            throw new RedfishProtocolException($"JSON body of {length} bytes is over the {maxBytes}-byte limit");
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                var node = await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
                return node as JsonObject
                    ?? throw new RedfishProtocolException($"expected a JSON object from {response.RequestMessage?.Method} but got {node?.GetValueKind().ToString() ?? "null"}");
            }
            catch (JsonException e)
            {
                throw new RedfishProtocolException(
                    $"the answer is not valid JSON (Content-Type {response.Content.Headers.ContentType?.MediaType ?? "none"})", e);
            }
        }
    }
}
