using IloBackup.Emulator.Hosting;
using IloBackup.Redfish;
using IloBackup.Redfish.Credentials;
using IloBackup.Redfish.Tls;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IloBackup.Integration.Tests.SingleIlo;

/// <summary>
/// The real emulator (EmulatorFleet) with a short reset, on real time; clients to it in process
/// (its handler) or over HTTPS on 127.0.0.1 pinned to the iLO's certificate.
/// </summary>
internal sealed class EmulatedIlo : IAsyncDisposable
{
    public const string Password = "Integration-Passw0rd";

    private EmulatedIlo(EmulatorFleet fleet, string directory)
    {
        Fleet = fleet;
        Directory = directory;
    }

    public EmulatorFleet Fleet { get; }

    public string Directory { get; }

    public static async Task<EmulatedIlo> StartAsync(int count = 1, bool listen = false)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("ilobackup-it-").FullName;
        var fleet = await EmulatorFleet.StartAsync(new EmulatorOptions
        {
            Count = count,
            AdminPassword = Password,
            Listen = listen,
            ResetDuration = TimeSpan.FromMilliseconds(700),
        });
        return new EmulatedIlo(fleet, directory);
    }

    /// <summary>In process: the emulator's own handler, no socket.</summary>
    public RedfishClient InProcessClient(int index = 0, ILoggerFactory? logs = null, Func<HttpMessageHandler, HttpMessageHandler>? wrap = null)
    {
        var handler = Fleet.CreateHandler(index);
        return RedfishClient.CreateBuilder(RedfishEndpoint.Parse(Fleet[index].BaseUrl.ToString()))
            .WithHttpMessageHandler(wrap is null ? handler : wrap(handler))
            .WithCredentials(new RedfishCredential(Fleet.AdminUser, Password))
            .WithOptions(new RedfishClientOptions { RetryDelay = TimeSpan.FromMilliseconds(10) })
            .WithLoggerFactory(logs ?? NullLoggerFactory.Instance)
            .Build();
    }

    /// <summary>Over HTTPS on a real socket, with the given trust policy.</summary>
    public RedfishClient HttpsClient(TlsPolicy tls, int index = 0) =>
        RedfishClient.CreateBuilder(RedfishEndpoint.Parse(Fleet[index].BaseUrl.ToString()))
            .WithTls(tls)
            .WithCredentials(new RedfishCredential(Fleet.AdminUser, Password))
            .WithOptions(new RedfishClientOptions { RetryDelay = TimeSpan.FromMilliseconds(10) })
            .Build();

    public async ValueTask DisposeAsync()
    {
        await Fleet.DisposeAsync();
        System.IO.Directory.Delete(Directory, true);
    }
}
