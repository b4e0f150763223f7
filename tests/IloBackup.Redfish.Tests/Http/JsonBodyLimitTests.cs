using System.Net;
using System.Text;
using IloBackup.Redfish.Errors;
using IloBackup.Redfish.Http;

namespace IloBackup.Redfish.Tests.Http;

/// <summary>Issue 11, items 6 and 8: JSON is counted as it arrives and must be valid Unicode.</summary>
public sealed class JsonBodyLimitTests
{
    [Fact]
    public async Task A_body_without_content_length_stops_at_the_limit()
    {
        using var response = Chunked("{\"Name\":\"" + new string('a', 5 << 20) + "\"}");
        Assert.Null(response.Content.Headers.ContentLength);

        var error = await Assert.ThrowsAsync<RedfishProtocolException>(
            () => JsonBody.ReadObjectAsync("ilo1: GET /redfish/v1/", response, 4 << 20, CancellationToken.None));

        Assert.StartsWith("ilo1: GET /redfish/v1/: the JSON body is over the 4 MiB limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_under_the_limit_is_read_whole_across_many_reads()
    {
        var text = "{\"Name\":\"" + new string('a', 300_000) + "\",\"Smile\":\"\\uD83D\\uDE00\"}";
        using var response = Chunked(text);

        var json = await JsonBody.ReadObjectAsync("ilo1: GET /x", response, 4 << 20, CancellationToken.None);

        Assert.Equal(300_000, ((string?)json["Name"])!.Length);
        Assert.Equal("\U0001F600", (string?)json["Smile"]);
    }

    [Theory]
    [InlineData("{\"Model\":\"\\uD800\"}")]
    [InlineData("{\"Model\":\"x\\udc00y\"}")]
    [InlineData("{\"\\uDBFF\":1}")]
    public async Task An_unpaired_surrogate_is_refused_with_what_was_asked(string text)
    {
        using var response = Chunked(text);

        var error = await Assert.ThrowsAsync<RedfishProtocolException>(
            () => JsonBody.ReadObjectAsync("ilo1: GET /redfish/v1/Systems/1/", response, 4 << 20, CancellationToken.None));

        Assert.StartsWith("ilo1: GET /redfish/v1/Systems/1/: the iLO's JSON holds a string that is not valid Unicode", error.Message, StringComparison.Ordinal);
    }

    private static HttpResponseMessage Chunked(string text) => new(HttpStatusCode.OK)
    {
        Content = new StreamContent(new OneWayStream(Encoding.UTF8.GetBytes(text))),
    };

    /// <summary>Not seekable, so no Content-Length: as a chunked answer reads.</summary>
    private sealed class OneWayStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
