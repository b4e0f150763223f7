using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using IloBackup.Emulator.Hosting;
using IloBackup.Emulator.Sessions;

namespace IloBackup.Emulator.Tests.HostileClients;

/// <summary>The limits against slow and oversized clients exist (no timing asserts: each refusal is seen, not timed).</summary>
public sealed class RequestLimitTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_login_body_larger_than_the_route_allows_gets_413(bool announced)
    {
        await using var emulator = await EmulatorFixture.StartAsync(listen: true);
        using var client = new HttpClient(emulator.Fleet.CreatePinnedSocketsHandler(0)) { BaseAddress = emulator.Fleet[0].BaseUrl };
        var padding = new string('x', SessionsResource.MaxLoginBodyBytes);
        var body = new JsonObject { ["UserName"] = "Administrator", ["Password"] = EmulatorFixture.Password, ["Padding"] = padding };

        // Announced: Content-Length, refused unread; not announced: chunked, cut at the limit.
        using HttpContent content = announced ? new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") : JsonContent.Create(body);
        using var response = await client.PostAsync("/redfish/v1/SessionService/Sessions/", content);

        await JsonAssert.ErrorAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, emulator.Fleet[0].Sessions.Count);

        // A normal login still works.
        using var fresh = new HttpClient(emulator.Fleet.CreatePinnedSocketsHandler(0)) { BaseAddress = emulator.Fleet[0].BaseUrl };
        using var ok = await fresh.PostAsJsonAsync("/redfish/v1/SessionService/Sessions/", new JsonObject { ["UserName"] = "Administrator", ["Password"] = EmulatorFixture.Password });
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
    }

    [Fact]
    public async Task A_connection_over_the_per_iLO_cap_is_closed_at_once_and_others_are_served()
    {
        await using var emulator = await EmulatorFixture.StartAsync(count: 2, listen: true);
        var held = new List<TcpClient>();
        try
        {
            // The cap is filled with served connections (each TLS handshake completes, so each is
            // counted before the next one comes: a bare connect may be counted after a later one).
            for (var i = 0; i < IloListeners.MaxConnectionsPerIlo; i++)
            {
                var tcp = new TcpClient();
                held.Add(tcp);
                Assert.True(await HandshakeAsync(tcp, emulator.Fleet[0].Port).WaitAsync(TimeSpan.FromSeconds(30)));
            }

            using var over = new TcpClient();
            Assert.False(await HandshakeAsync(over, emulator.Fleet[0].Port).WaitAsync(TimeSpan.FromSeconds(30)));

            // Another iLO of the fleet is not affected.
            using var other = new HttpClient(emulator.Fleet.CreatePinnedSocketsHandler(1)) { BaseAddress = emulator.Fleet[1].BaseUrl };
            using var root = await other.GetAsync("/redfish/v1/");
            Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        }
        finally
        {
            held.ForEach(t => t.Dispose());
        }
    }

    /// <summary>True when a TLS handshake on a new connection completes (a connection the iLO serves); false when closed or reset.</summary>
    private static async Task<bool> HandshakeAsync(TcpClient tcp, int port)
    {
        try
        {
            await tcp.ConnectAsync(IPAddress.Loopback, port);
            var tls = new System.Net.Security.SslStream(tcp.GetStream(), leaveInnerStreamOpen: true, (_, _, _, _) => true);
            await tls.AuthenticateAsClientAsync("127.0.0.1");
            return true;
        }
        catch (Exception e) when (e is IOException or SocketException or System.Security.Authentication.AuthenticationException)
        {
            return false;
        }
    }
}
