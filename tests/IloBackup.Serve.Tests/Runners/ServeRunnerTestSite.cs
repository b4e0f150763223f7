using System.Net.Http.Headers;
using IloBackup.Emulator.Hosting;
using IloBackup.Engine.Fleet;
using IloBackup.Engine.Inventory;
using IloBackup.Engine.Repository;
using IloBackup.Redfish.Credentials;
using IloBackup.Redfish.Tls;
using IloBackup.Serve.Access;
using IloBackup.Serve.Fleet;
using IloBackup.Serve.Runs;
using IloBackup.Serve.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using IloBackup.TestSupport.Emulation;
using IloBackup.TestSupport.Postgres;
using Microsoft.Extensions.Logging.Abstractions;

namespace IloBackup.Serve.Tests.Runners;

/// <summary>
/// Emulated iLOs and a repository file naming a fresh PostgreSQL database (objects in a local folder) that several serve
/// runners share; each runner is a <see cref="FleetRunCoordinator"/> over <see cref="RepositoryFleetRun"/> with its name.
/// </summary>
internal sealed class ServeRunnerTestSite : IAsyncDisposable
{
    private ServeRunnerTestSite(string folder, EmulatorFleet fleet, string repository)
    {
        Folder = folder;
        Fleet = fleet;
        Repository = repository;
    }

    public string Folder { get; }
    public EmulatorFleet Fleet { get; }

    /// <summary>The repository file.</summary>
    public string Repository { get; }

    public static async Task<ServeRunnerTestSite> StartAsync(int ilos)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "serve-runners-" + Guid.NewGuid().ToString("N"))).FullName;
        var fleet = await TestIlo.StartKestrelAsync(null, o => o with { Count = ilos });
        var database = await (PostgresServer.Shared ?? throw new InvalidOperationException(PostgresServer.SkipReason)).CreateDatabaseAsync();
        var repository = Path.Combine(folder, "site.yaml");
        await File.WriteAllTextAsync(repository, $"""
            ilobackup-repository: 1
            catalog: {database}
            objects: file:objects
            work-directory: work
            """);
        await File.WriteAllLinesAsync(Path.Combine(folder, "hosts.txt"), fleet.Ilos.Select(i => i.BaseUrl.ToString()));
        return new ServeRunnerTestSite(folder, fleet, repository);
    }

    /// <summary>A serve runner named <paramref name="name"/>, its run records in a folder of its own (as on its own machine).</summary>
    public FleetRunCoordinator Runner(string name, TimeProvider time, TimeSpan? interval = null)
    {
        var connector = new RedfishIloConnector(new RedfishIloConnectorOptions
        {
            Tls = TlsPolicy.DangerousAcceptAnyCertificate(),
            DefaultCredential = new RedfishCredential(TestIlo.AdminUser, TestIlo.AdminPassword),
        });
        var hosts = Path.Combine(Folder, "hosts.txt");
        var executor = new RepositoryFleetRun(
            Repository, ct => InventoryLoader.LoadAsync(hosts, ct), connector,
            new FleetRunnerOptions { Concurrency = 2, MaxRetries = 0, HostDeadline = TimeSpan.FromSeconds(30) }, time,
            new ServeRunnerIdentity(name) { ScheduleInterval = interval });
        return new FleetRunCoordinator(executor, RunStore.Open(Directory.CreateDirectory(Path.Combine(Folder, "runner-" + name)).FullName), [], time, NullLogger.Instance);
    }

    /// <summary>The dashboard over the repository (test server), its client signed in with a viewer's token.</summary>
    public async Task<(WebApplication App, HttpClient Client)> WebAsync(FleetRunCoordinator runs, RunnerBeacon? beacon, TimeProvider time)
    {
        var users = UsersFile.Load(Path.Combine(Folder, "users"));
        var (token, stored) = PasswordHash.NewToken();
        users = await users.WithAsync(new Principal("token", "wall", Role.Viewer, stored), default);
        var state = new FleetStateCache(Repository, _ => [], time, NullLogger.Instance);
        var context = new ServeContext { RepositoryDirectory = Repository, Runs = runs, Fleet = state, Access = new AccessControl(users, time), Time = time, Runners = beacon };
        var app = ServeApp.Build(context, new ServeAppOptions { MeterName = "IloBackup.Serve.Test." + Guid.NewGuid().ToString("N") }, w => w.WebHost.UseTestServer());
        await app.StartAsync();
        var client = app.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (app, client);
    }

    public async Task<IReadOnlyList<BackupEntry>> RowsAsync()
    {
        await using var repository = await BackupRepository.OpenAsync(Repository, new BackupRepositoryOptions { ReadOnly = true }, default);
        return await repository.Catalog.ListAsync(new BackupQuery(), default);
    }

    public async ValueTask DisposeAsync()
    {
        await Fleet.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
