using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace IloBackup.Emulator.Tests.HostileClients;

/// <summary>The login's <c>Location</c> comes from the iLO's own address, never from the request's <c>Host</c> header.</summary>
public sealed class LoginLocationTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_hostile_Host_header_never_appears_in_Location(bool listen)
    {
        await using var emulator = await EmulatorFixture.StartAsync(listen: listen);
        var ilo = emulator.Fleet[0];
        using var client = listen
            ? new HttpClient(emulator.Fleet.CreatePinnedSocketsHandler(0)) { BaseAddress = ilo.BaseUrl }
            : emulator.Client();
        foreach (var hostile in new[] { "evil.example", "evil.example:8443", "127.0.0.1.evil.example" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/redfish/v1/SessionService/Sessions/")
            {
                Content = JsonContent.Create(new JsonObject { ["UserName"] = emulator.Fleet.AdminUser, ["Password"] = EmulatorFixture.Password }),
            };
            request.Headers.Host = hostile;
            using var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var location = response.Headers.Location!;
            Assert.DoesNotContain("evil", location.ToString(), StringComparison.Ordinal);
            Assert.True(location.IsAbsoluteUri);
            Assert.Equal(ilo.BaseUrl.Scheme, location.Scheme);
            Assert.Equal("127.0.0.1", location.Host);
            Assert.True(location.IsDefaultPort);
            Assert.StartsWith("/redfish/v1/SessionService/Sessions/", location.AbsolutePath, StringComparison.Ordinal);
        }
    }
}
