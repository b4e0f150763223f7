using IloBackup.Emulator.Hosting;
using IloBackup.Redfish;
using IloBackup.Redfish.Errors;
using IloBackup.Redfish.Tls;
using Xunit.Abstractions;

namespace IloBackup.Integration.Tests.SingleIlo;

/// <summary>
/// Issue 4's "Transport endpoint is not connected": a resetting emulated iLO accepts TCP connections
/// and resets them at once, over real sockets. Whatever .NET makes of that (a wrapped connection
/// error, a TLS handshake cut short, or the bare ENOTCONN SocketException its handler lets escape),
/// the client reports the iLO as unreachable, transient: never a raw socket error.
/// </summary>
public sealed class ResettingIloSocketTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Probing_a_resetting_iLO_over_real_sockets_is_always_unreachable_never_a_raw_socket_error(bool https)
    {
        await using var fleet = await EmulatorFleet.StartAsync(new EmulatorOptions { AdminPassword = EmulatedIlo.Password, UseHttps = https });
        fleet[0].Reset("test: resetting for the probes", TimeSpan.FromMinutes(5));
        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < 60; i++)
        {
            // A new client per probe: a new connection each time, as a waiter sees after the iLO went away.
            using var client = RedfishClient.CreateBuilder(RedfishEndpoint.Parse(fleet[0].BaseUrl.ToString()))
                .WithTls(TlsPolicy.VerifyAndPin(null) with { PinnedFingerprint = fleet[0].CertificateFingerprint })
                .WithOptions(new RedfishClientOptions { MaxRetries = 0 })
                .Build();
            var error = await Assert.ThrowsAsync<RedfishUnreachableException>(() => client.ProbeAsync(TimeSpan.FromSeconds(10), CancellationToken.None));
            Assert.True(error.IsTransient);
            var inner = error.InnerException;
            while (inner?.InnerException is not null)
            {
                inner = inner.InnerException;
            }

            var kind = inner is System.Net.Sockets.SocketException socket ? socket.SocketErrorCode.ToString() : inner?.GetType().Name ?? "none";
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
        }

        output.WriteLine($"60 probes of a resetting iLO over {(https ? "HTTPS" : "HTTP")}, innermost errors: " + string.Join(", ", kinds.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}")));
    }
}
