using IloBackup.Redfish;
using IloBackup.Redfish.Credentials;
using IloBackup.TestSupport.FakeIlo;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IloBackup.Engine.Tests;

internal static class FakeIloClient
{
    public static RedfishClient Create(
        FakeIlo fake, string user = FakeIloCredentials.AdminUser, string password = FakeIloCredentials.AdminPassword, ILoggerFactory? logs = null) =>
        RedfishClient.CreateBuilder(RedfishEndpoint.Parse(fake.BaseAddress.ToString()))
            .WithHttpMessageHandler(fake.Handler!)
            .WithCredentials(new RedfishCredential(user, password))
            .WithOptions(new RedfishClientOptions { RetryDelay = TimeSpan.Zero, MaxRetries = 1 })
            .WithLoggerFactory(logs ?? NullLoggerFactory.Instance)
            .Build();
}
