using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace IloBackup.Emulator.Tests.Pipeline;

/// <summary>Behaviour change 1 of issue 12: any method a known path lacks, standard or not, gets 405 with <c>Allow</c>.</summary>
public sealed class MethodNotAllowedTests
{
    [Theory]
    [InlineData("FAKEMETHOD", "/redfish/v1/", "GET, HEAD")]
    [InlineData("FAKEMETHOD", "/redfish/v1", "GET, HEAD")]
    [InlineData("OPTIONS", "/redfish/v1/Managers/1/", "GET, HEAD, PATCH")]
    [InlineData("TRACE", "/redfish/v1/SessionService/Sessions/", "GET, HEAD, POST")]
    [InlineData("PUT", "/redfish/v1/Managers/1/", "GET, HEAD, PATCH")]
    public async Task A_method_the_path_lacks_gets_405_with_allow(string method, string path, string allow)
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            Assert.Equal("Base.1.12.OperationNotAllowed", await JsonAssert.ErrorAsync(response, HttpStatusCode.MethodNotAllowed));
            Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
        }
    }

    [Fact]
    public async Task A_non_standard_method_is_refused_before_authentication_and_on_unknown_paths_is_404()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var client = emulator.Client();
        using var known = await client.SendAsync(new HttpRequestMessage(new HttpMethod("FAKEMETHOD"), "/redfish/v1/Managers/1/"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, known.StatusCode);
        using var unknown = await client.SendAsync(new HttpRequestMessage(new HttpMethod("FAKEMETHOD"), "/redfish/v1/NoSuchThing/"));
        Assert.Equal("Base.1.12.ResourceMissingAtURI", await JsonAssert.ErrorAsync(unknown, HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task The_known_methods_still_reach_their_routes()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            using var get = await client.GetAsync("/redfish/v1/Managers/1/");
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Equal("GET, HEAD, PATCH", string.Join(", ", get.Content.Headers.Allow));
            using var patch = await client.PatchAsJsonAsync("/redfish/v1/Managers/1/", new JsonObject());
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        }
    }

    [Fact]
    public async Task Over_a_real_socket_a_non_standard_method_gets_405_with_allow()
    {
        await using var emulator = await EmulatorFixture.StartAsync(listen: true, configure: o => o with { UseHttps = false });
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = emulator.Fleet[0].BaseUrl };
        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod("FAKEMETHOD"), "/redfish/v1/"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("GET, HEAD", string.Join(", ", response.Content.Headers.Allow));
    }
}
