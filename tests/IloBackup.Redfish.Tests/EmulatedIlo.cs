using IloBackup.Emulator.Hosting;
using IloBackup.Redfish.Credentials;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IloBackup.Redfish.Tests;

/// <summary>An in-process emulated iLO (the real emulator, no sockets) and a client of it; misbehaviours come from its faults and route overrides.</summary>
internal static class EmulatedIlo
{
    public const string Password = "Emulated-pass1";

    public static Task<EmulatorFleet> StartAsync(Func<EmulatorOptions, EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions { Count = 1, AdminPassword = Password, Listen = false };
        return EmulatorFleet.StartAsync(configure?.Invoke(options) ?? options);
    }

    public static RedfishClient Client(
        EmulatorFleet fleet, string? user = null, string password = Password,
        RedfishClientOptions? options = null, TimeProvider? time = null, ILoggerFactory? logs = null) =>
        RedfishClient.CreateBuilder(RedfishEndpoint.Parse(fleet[0].BaseUrl.ToString()))
            .WithHttpMessageHandler(fleet.CreateHandler(0))
            .WithCredentials(new RedfishCredential(user ?? fleet.AdminUser, password))
            .WithOptions(options ?? new RedfishClientOptions { RetryDelay = TimeSpan.Zero })
            .WithTimeProvider(time ?? TimeProvider.System)
            .WithLoggerFactory(logs ?? NullLoggerFactory.Instance)
            .Build();
}
