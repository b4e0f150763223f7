using System.Net;
using System.Runtime.CompilerServices;
using IloBackup.Emulator.Hosting;
using IloBackup.Emulator.Redfish;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;

namespace IloBackup.Emulator.Testing;

/// <summary>
/// In-process handlers of an <see cref="EmulatorFleet"/>: requests run the fleet's own pipeline
/// (overrides, faults, routes) through ASP.NET Core's TestServer, without sockets or TLS. One
/// server per fleet, made on first use and disposed with the fleet.
/// </summary>
public static class InProcessFleet
{
    private static readonly ConditionalWeakTable<EmulatorFleet, TestServer> Servers = [];

    /// <summary>An in-process handler for iLO <paramref name="index"/>: no socket, no TLS, same behaviour.</summary>
    public static HttpMessageHandler CreateHandler(this EmulatorFleet fleet, int index)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        var ilo = fleet.Ilos[index];
        return ServerOf(fleet).CreateHandler(context =>
        {
            context.Items[IloHttpContext.ItemKey] = ilo;
            context.Connection.RemoteIpAddress ??= IPAddress.Loopback;
        });
    }

    /// <summary>An in-process client for iLO <paramref name="index"/>, its base address the iLO's URL.</summary>
    public static HttpClient CreateClient(this EmulatorFleet fleet, int index)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        return new(fleet.CreateHandler(index)) { BaseAddress = fleet.Ilos[index].BaseUrl };
    }

    /// <summary>
    /// An in-process handler for the control API (same JSON as the control endpoint) that sends the
    /// fleet's control secret on every request without an <c>Authorization</c> header of its own;
    /// with <paramref name="sendSecret"/> false the requests go as written.
    /// </summary>
    public static HttpMessageHandler CreateControlHandler(this EmulatorFleet fleet, bool sendSecret = true)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        var handler = ServerOf(fleet).CreateHandler(context => context.Items[IloEmulator.ControlItem] = true);
        return sendSecret ? new ControlSecretHandler(fleet.ControlSecret) { InnerHandler = handler } : handler;
    }

    private static TestServer ServerOf(EmulatorFleet fleet) => Servers.GetValue(fleet, static f =>
    {
        var server = new TestServer(f.Services);

        // TestServer only records the application: its start completes at once.
        var started = ((IServer)server).StartAsync(new DelegateApplication(f.Pipeline, f.Services), CancellationToken.None);
        if (!started.IsCompletedSuccessfully)
        {
            server.Dispose();
            throw new InvalidOperationException("the in-process server did not start");
        }

        f.Own(server);
        return server;
    });
}
