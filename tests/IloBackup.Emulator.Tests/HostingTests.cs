using System.Net;
using IloBackup.Emulator.Hosting;

namespace IloBackup.Emulator.Tests;

/// <summary>The hosting API: options, ports, plain HTTP, latency on the TimeProvider, identities.</summary>
public sealed class HostingTests
{
    [Fact]
    public async Task Latency_is_added_on_the_fleet_clock()
    {
        await using var emulator = await EmulatorFixture.StartAsync(configure: o => o with { Latency = TimeSpan.FromMilliseconds(250) });
        using var client = emulator.Client();
        var pending = client.GetAsync("/redfish/v1/");
        var advanced = TimeSpan.Zero;
        var bound = System.Diagnostics.Stopwatch.StartNew();
        while (!pending.IsCompleted && bound.Elapsed < TimeSpan.FromSeconds(10))
        {
            // The answer waits on the fake clock: step it, letting the request run in between.
            for (var i = 0; i < 100 && !pending.IsCompleted; i++)
            {
                await Task.Yield();
            }

            if (!pending.IsCompleted)
            {
                emulator.Time.Advance(TimeSpan.FromMilliseconds(50));
                advanced += TimeSpan.FromMilliseconds(50);
            }
        }

        Assert.True(advanced >= TimeSpan.FromMilliseconds(250), $"answered after {advanced.TotalMilliseconds} ms of emulator time");
        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Plain_http_and_fixed_ports_put_ilo_k_on_first_port_plus_k()
    {
        var first = FreePortRange(3);
        await using var emulator = await EmulatorFixture.StartAsync(count: 3, listen: true, configure: o => o with { UseHttps = false, FirstPort = first });
        for (var k = 0; k < 3; k++)
        {
            Assert.Equal(first + k, emulator.Fleet[k].Port);
            Assert.Equal(new Uri($"http://127.0.0.1:{first + k}/"), emulator.Fleet[k].BaseUrl);
        }

        using var handler = new SocketsHttpHandler { UseProxy = false };
        using var client = new HttpClient(handler) { BaseAddress = emulator.Fleet[2].BaseUrl };
        var root = await JsonAssert.GetAsync(client, "/redfish/v1/");
        Assert.Equal(emulator.Fleet[2].Identity.Uuid.ToString(), root["UUID"]!.GetValue<string>());
    }

    [Fact]
    public async Task Each_ilo_has_its_own_plausible_identity()
    {
        await using var emulator = await EmulatorFixture.StartAsync(count: 4);
        var identities = emulator.Fleet.Ilos.Select(i => i.Identity).ToList();
        Assert.All(identities, id =>
        {
            Assert.Matches("^MXQ[0-9A-Z]{7}$", id.ServerSerial);
            Assert.Matches("^94:40:c9(:[0-9a-f]{2}){3}$", id.MacAddress);
            Assert.Equal(5, id.Generation);
            Assert.Equal("2.78", id.FirmwareVersion);
            Assert.StartsWith("ProLiant ", id.ProductName, StringComparison.Ordinal);
        });
        Assert.Equal(4, identities.Select(i => i.ServerSerial).Distinct().Count());
        Assert.Equal(4, identities.Select(i => i.Uuid).Distinct().Count());
        Assert.DoesNotContain(EmulatorFixture.Password, identities[0].ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 5, null)]
    [InlineData(1, 8, null)]
    [InlineData(1, 7, "1.12")]
    [InlineData(1, 5, "two")]
    public async Task Bad_options_are_refused_before_anything_starts(int count, int generation, string? firmware)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => EmulatorFleet.StartAsync(new EmulatorOptions { Count = count, Generation = generation, Firmware = firmware, Listen = false }));
    }

    [Fact]
    public async Task A_port_in_use_fails_the_start_and_releases_the_other_ports()
    {
        var first = FreePortRange(2);
        using var squatter = new System.Net.Sockets.TcpListener(IPAddress.Loopback, first + 1);
        squatter.Start();
        await Assert.ThrowsAnyAsync<IOException>(() => EmulatorFixture.StartAsync(count: 2, listen: true, configure: o => o with { FirstPort = first }));
        squatter.Stop();
        await using var emulator = await EmulatorFixture.StartAsync(count: 2, listen: true, configure: o => o with { FirstPort = first });
        Assert.Equal(first, emulator.Fleet[0].Port);
    }

    private static int FreePortRange(int count)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var start = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            if (start + count < 65535 && Enumerable.Range(start, count).All(IsFree))
            {
                return start;
            }
        }

        throw new InvalidOperationException("no free port range");

        static bool IsFree(int port)
        {
            try
            {
                using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return true;
            }
            catch (System.Net.Sockets.SocketException)
            {
                return false;
            }
        }
    }
}
