using System.Net;
using System.Text.Json.Nodes;

namespace IloBackup.Emulator.Tests;

internal static class JsonAssert
{
    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<JsonObject> GetAsync(HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(path);
        return await ReadAsync(response, expected);
    }

    /// <summary>Asserts a Base registry error and returns its MessageId.</summary>
    public static async Task<string> ErrorAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await ReadAsync(response, expected);
        var id = body["error"]!["@Message.ExtendedInfo"]![0]!["MessageId"]!.GetValue<string>();
        Assert.True(id.StartsWith("Base.1.12.", StringComparison.Ordinal) || id.StartsWith("iLO.2.14.", StringComparison.Ordinal), id + " is from neither served registry");
        return id;
    }
}
