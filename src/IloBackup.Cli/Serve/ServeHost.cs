using System.Net;
using System.Security.Cryptography.X509Certificates;
using IloBackup.Engine.Drift;
using IloBackup.Engine.Fleet;
using IloBackup.Engine.Inventory;
using IloBackup.Serve.Access;
using IloBackup.Serve.Fleet;
using IloBackup.Serve.Notifications;
using IloBackup.Serve.Reading;
using IloBackup.Serve.Runs;
using IloBackup.Serve.Scheduling;
using IloBackup.Serve.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace IloBackup.Cli.Serve;

/// <summary>
/// The parts of a running service, assembled once for <c>serve</c> and <c>demo --serve</c>: the run coordinator over the
/// engine's fleet backup, the fleet state (pages and metrics), and the web application. Every read of the repository between
/// runs (state, pages, heartbeats, notifications) goes through one read-only repository kept open (<see cref="Reader"/>).
/// </summary>
internal sealed class ServeHost : IAsyncDisposable
{
    private ServeHost(FleetRunCoordinator runs, FleetStateCache fleet, RunnerBeacon? beacon, RepositoryReader reader)
    {
        Runs = runs;
        Fleet = fleet;
        Beacon = beacon;
        Reader = reader;
    }

    /// <summary>The one read-only repository serve reads through (closed with the host).</summary>
    public RepositoryReader Reader { get; }

    /// <summary>This runner's heartbeats and the <c>/runners</c> list (null without a runner identity: <c>demo --serve</c>).</summary>
    public RunnerBeacon? Beacon { get; }

    public FleetRunCoordinator Runs { get; }
    public FleetStateCache Fleet { get; }

    public static ServeHost Create(
        string repository, Func<CancellationToken, Task<FleetInventory>> loadInventory, Func<string, IReadOnlyList<string>> tagsOfHost,
        IIloConnector connector, FleetRunnerOptions runner, TimeProvider time, ILogger logger, IRunEventSink? notifications = null,
        DriftBaselineFile? baselines = null, ServeRunnerIdentity? identity = null)
    {
        var reader = new RepositoryReader(repository, time);
        var fleet = new FleetStateCache(repository, tagsOfHost, time, logger, baselines, reader);
        if (notifications is NotificationDispatcher dispatcher)
        {
            dispatcher.Reader = reader;
        }

        var executor = new RepositoryFleetRun(repository, loadInventory, connector, runner, time, identity);
        return new ServeHost(
            new FleetRunCoordinator(executor, RunStore.Open(repository), notifications is null ? [fleet] : [fleet, notifications], time, logger),
            fleet,
            identity is null ? null : new RunnerBeacon(repository, identity, time, reader),
            reader);
    }

    public ValueTask DisposeAsync() => Reader.DisposeAsync();

    public WebApplication Web(
        string repository, UsersFile users, IPEndPoint listen, X509Certificate2? certificate, ScheduleLoop? loop, TextWriter log, TimeProvider time,
        CancellationToken stopping)
    {
        var context = new ServeContext
        {
            RepositoryDirectory = repository, Runs = Runs, Fleet = Fleet, Access = new AccessControl(users, time), Time = time,
            NextRun = () => loop?.Next, Stopping = stopping, Runners = Beacon,
        };
        return ServeApp.Build(context, new ServeAppOptions { Listen = listen, Certificate = certificate, Log = log });
    }
}
