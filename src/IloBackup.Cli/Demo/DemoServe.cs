using System.Net;
using System.Security.Cryptography;
using IloBackup.Cli.Serve;
using IloBackup.Emulator.Hosting;
using IloBackup.Engine.Fleet;
using IloBackup.Serve.Access;
using IloBackup.Serve.Web;
using Microsoft.Extensions.Logging;

namespace IloBackup.Cli.Demo;

/// <summary>
/// <c>demo --serve</c>: after the demo, the dashboard over the demo's repository and its still running emulated fleet
/// (so "Run now" works), on 127.0.0.1 over TLS with a self-signed certificate, until Ctrl+C. The one user is made up
/// for the demo and printed (demo data, like the emulator's password).
/// </summary>
internal static class DemoServe
{
    public static async Task RunAsync(
        CliConsole console, EmulatorFleet fleet, string repository, RedfishIloConnectorOptions connectorOptions, IPEndPoint listen, CancellationToken cancellationToken)
    {
        var time = TimeProvider.System;
        var inventory = DemoSite.Inventory(fleet);
        using var logging = LoggerFactory.Create(b => b.AddProvider(new TextWriterLoggerProvider(console.Error)));
        var host = ServeHost.Create(
            repository, _ => Task.FromResult(inventory), _ => [], new RedfishIloConnector(connectorOptions),
            new FleetRunnerOptions { Concurrency = 16, HostDeadline = TimeSpan.FromMinutes(1), RetryDelay = TimeSpan.FromMilliseconds(200) },
            time, logging.CreateLogger("IloBackup.Serve"));
        await using var closeReader = host.ConfigureAwait(false);
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(9));
        var users = await UsersFile.Load(Path.Combine(IloBackup.Engine.Repository.RepositoryLocation.LocalFolder(repository), "serve", "users"))
            .WithAsync(new Principal("user", "demo", Role.Operator, PasswordHash.Hash(password)), cancellationToken).ConfigureAwait(false);
        using var certificate = ServeTls.Load(null, null, repository, time.GetUtcNow());
        var app = host.Web(repository, users, listen, certificate, loop: null, console.Error, time, cancellationToken);
        await using (app.ConfigureAwait(false))
        {
            await host.Fleet.RefreshAsync(cancellationToken).ConfigureAwait(false);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            await console.Out.WriteLineAsync($"\ndashboard: {app.Urls.First()}/ (user demo, password {password}; self-signed certificate {ServeTls.Fingerprint(certificate)})").ConfigureAwait(false);
            await console.Out.WriteLineAsync("Ctrl+C stops the dashboard and the emulated iLOs.").ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C: stop below.
            }

            await host.Runs.WaitIdleAsync().ConfigureAwait(false);
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
