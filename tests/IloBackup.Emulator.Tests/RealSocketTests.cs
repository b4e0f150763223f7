using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace IloBackup.Emulator.Tests;

/// <summary>Real Kestrel on 127.0.0.1, TLS with the iLO's own certificate pinned by fingerprint.</summary>
public sealed class RealSocketTests
{
    [Fact]
    public async Task Https_on_loopback_serves_each_ilo_with_its_own_pinned_certificate()
    {
        await using var emulator = await EmulatorFixture.StartAsync(count: 2, listen: true);
        var fleet = emulator.Fleet;
        Assert.NotEqual(fleet[0].Port, fleet[1].Port);
        Assert.NotEqual(fleet[0].CertificateFingerprint, fleet[1].CertificateFingerprint);
        Assert.Matches("^SHA256:([0-9A-F]{2}:){31}[0-9A-F]{2}$", fleet[0].CertificateFingerprint);
        for (var k = 0; k < 2; k++)
        {
            using var client = new HttpClient(fleet.CreatePinnedSocketsHandler(k)) { BaseAddress = fleet[k].BaseUrl };
            var root = await JsonAssert.GetAsync(client, "/redfish/v1/");
            Assert.Equal(fleet[k].Identity.Uuid.ToString(), root["UUID"]!.GetValue<string>());
            using var login = await client.PostAsJsonAsync("/redfish/v1/SessionService/Sessions/", new JsonObject { ["UserName"] = fleet.AdminUser, ["Password"] = EmulatorFixture.Password });
            Assert.Equal(HttpStatusCode.Created, login.StatusCode);
        }

        // Pinning iLO 0's certificate while talking to iLO 1 must fail the handshake.
        using var wrong = new HttpClient(fleet.CreatePinnedSocketsHandler(0)) { BaseAddress = fleet[1].BaseUrl };
        await Assert.ThrowsAsync<HttpRequestException>(() => wrong.GetAsync("/redfish/v1/"));
    }

    [Fact]
    public async Task Null_characters_in_the_path_are_refused_by_the_server_not_a_500()
    {
        await using var emulator = await EmulatorFixture.StartAsync(listen: true);
        using var client = new HttpClient(emulator.Fleet.CreatePinnedSocketsHandler(0)) { BaseAddress = emulator.Fleet[0].BaseUrl };
        using var response = await client.GetAsync("/redfish/v1/Managers/1%00");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
    [Fact]
    public async Task A_replaced_certificate_is_the_one_new_connections_see()
    {
        await using var emulator = await EmulatorFixture.StartAsync(listen: true);
        var ilo = emulator.Fleet[0];
        var before = ilo.CertificateFingerprint;
        string? presented = null;
        SocketsHttpHandler Recording() => new()
        {
            PooledConnectionLifetime = TimeSpan.Zero,
            SslOptions = new System.Net.Security.SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    presented = certificate is null ? null : Certificates.IloCertificate.Fingerprint(certificate.GetRawCertData());
                    return true;
                },
            },
        };

        using (var client = new HttpClient(Recording()) { BaseAddress = ilo.BaseUrl })
        {
            using var first = await client.GetAsync("/redfish/v1/");
            Assert.Equal(before, presented);
        }

        ilo.ReplaceSystemBoard(TimeSpan.Zero);
        Assert.NotEqual(before, ilo.CertificateFingerprint);
        using (var client = new HttpClient(Recording()) { BaseAddress = ilo.BaseUrl })
        {
            using var second = await client.GetAsync("/redfish/v1/");
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            Assert.Equal(ilo.CertificateFingerprint, presented);
        }
    }
}
