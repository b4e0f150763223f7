using IloBackup.Emulator.Hosting;
using IloBackup.Redfish;
using IloBackup.Redfish.Credentials;
using IloBackup.TestSupport.Emulation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IloBackup.Engine.Tests;

/// <summary>A client of an emulated iLO (<see cref="TestIlo"/>), in process.</summary>
internal static class TestIloClient
{
    public static RedfishClient Create(
        EmulatorFleet fleet, string user = TestIlo.AdminUser, string password = TestIlo.AdminPassword, ILoggerFactory? logs = null, int index = 0) =>
        RedfishClient.CreateBuilder(RedfishEndpoint.Parse(fleet[index].BaseUrl.ToString()))
            .WithHttpMessageHandler(fleet.CreateHandler(index))
            .WithCredentials(new RedfishCredential(user, password))
            .WithOptions(new RedfishClientOptions { RetryDelay = TimeSpan.Zero, MaxRetries = 1 })
            .WithLoggerFactory(logs ?? NullLoggerFactory.Instance)
            .Build();
}
