using IloBackup.Redfish.Credentials;
using IloBackup.TestSupport.FakeIlo;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IloBackup.Redfish.Tests;

internal static class FakeIloClient
{
    public static RedfishClient Create(
        FakeIlo fake, string user = FakeIloCredentials.AdminUser, string password = FakeIloCredentials.AdminPassword,
        RedfishClientOptions? options = null, TimeProvider? time = null, ILoggerFactory? logs = null) =>
        RedfishClient.CreateBuilder(RedfishEndpoint.Parse(fake.BaseAddress.ToString()))
            .WithHttpMessageHandler(fake.Handler!)
            .WithCredentials(new RedfishCredential(user, password))
            .WithOptions(options ?? new RedfishClientOptions { RetryDelay = TimeSpan.Zero })
            .WithTimeProvider(time ?? TimeProvider.System)
            .WithLoggerFactory(logs ?? NullLoggerFactory.Instance)
            .Build();
}
