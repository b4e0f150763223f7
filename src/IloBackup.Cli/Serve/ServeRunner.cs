using System.CommandLine;
using System.Globalization;
using IloBackup.Cli.Fleet;
using IloBackup.Engine.Drift;
using IloBackup.Engine.Fleet;
using IloBackup.Engine.Inventory;
using IloBackup.Serve.Access;
using IloBackup.Serve.Runs;
using IloBackup.Serve.Scheduling;
using IloBackup.Serve.Web;
using Microsoft.Extensions.Logging;

namespace IloBackup.Cli.Serve;

/// <summary>Puts the service together from the command line: checks everything first, then runs once or serves until stopped.</summary>
internal static class ServeRunner
{
    public static async Task<int> RunAsync(CliConsole console, ServeOptions options, ParseResult parse, CancellationToken cancellationToken)
    {
        var time = console.Time;
        // Everything checked before anything is read or started: flags, else the config file's serve: section.
        var settings = ServeSettings.From(parse, options).Validate();
        var repository = settings.Repository;
        var schedule = settings.ParsedSchedule;
        var inventory = await FleetInventoryFile.LoadAsync(settings.Inventory, cancellationToken).ConfigureAwait(false);
        var baselines = await LoadBaselinesAsync(settings.Baseline, cancellationToken).ConfigureAwait(false);
        var tags = new TagsOfHosts(inventory);
        var runner = settings.Fleet.Runner();
        ThreadPoolFloor.Raise(console, runner.Concurrency);
        runner = new FleetRunnerOptions
        {
            Concurrency = runner.Concurrency, MaxRetries = runner.MaxRetries, HostDeadline = runner.HostDeadline, TimeProvider = time,
        };
        var connector = new RedfishIloConnector(
            await options.Connection.ConnectorAsync(parse, console, filePassword: null, snapshot: true, cancellationToken).ConfigureAwait(false));

        using var logging = LoggerFactory.Create(b => b.AddProvider(new TextWriterLoggerProvider(console.Error)));
        var logger = logging.CreateLogger("IloBackup.Serve");
        var notifications = await settings.Notify.CreateAsync(console, repository, time, logger, cancellationToken).ConfigureAwait(false);
        try
        {
            var host = ServeHost.Create(
                repository, async ct => tags.Update(await FleetInventoryFile.LoadAsync(settings.Inventory, ct).ConfigureAwait(false)), tags.Of, connector, runner, time, logger,
                notifications, baselines, settings.Identity(schedule, time.GetUtcNow()));
            await using var closeReader = host.ConfigureAwait(false);
            var code = settings.Once
                ? await OnceAsync(console, host.Runs, settings.OnceRun(schedule, time.GetUtcNow()), cancellationToken).ConfigureAwait(false)
                : await ServeAsync(console, settings, host, schedule, logger, cancellationToken).ConfigureAwait(false);
            if (notifications is not null)
            {
                // What the last run queued goes out before the process ends (a dead receiver costs at most the grace).
                await notifications.DrainAsync(TimeSpan.FromSeconds(60), time).ConfigureAwait(false);
            }

            return code;
        }
        finally
        {
            if (notifications is not null)
            {
                await notifications.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<int> ServeAsync(
        CliConsole console, ServeSettings settings, ServeHost host, BackupSchedule schedule, ILogger logger, CancellationToken cancellationToken)
    {
        var time = console.Time;
        var coordinator = host.Runs;
        var fleet = host.Fleet;
        var repository = settings.Repository;

        var listen = settings.Endpoint;
        var password = settings.TlsPassword is null ? null : await settings.TlsPassword.ReadAsync(console, cancellationToken).ConfigureAwait(false);
        using var certificate = settings.Tls
            ? ServeTls.Load(settings.TlsCertificate, settings.TlsKey, password, repository, time.GetUtcNow())
            : null;
        var usersPath = settings.UsersFile;
        UsersFile users;
        try
        {
            users = UsersFile.Load(usersPath);
        }
        catch (FormatException ex)
        {
            throw new CliUsageException(ex.Message, ex);
        }

        var loop = new ScheduleLoop(schedule, coordinator, ct => CatalogQueries.NewestAttemptAsync(host.Reader, ct), time, logger);
        var app = host.Web(repository, users, listen, certificate, loop, console.Error, time, cancellationToken);
        await using (app.ConfigureAwait(false))
        {
            await PrepareCatalogAsync(repository, logger, cancellationToken).ConfigureAwait(false);
            await fleet.RefreshAsync(cancellationToken).ConfigureAwait(false);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            await Announce(console, app, certificate, users, usersPath, schedule).ConfigureAwait(false);
            var beats = host.Beacon is { } beacon
                ? beacon.RunAsync(coordinator, problem => logger.LogWarning("cannot write this runner's heartbeat: {Problem}", problem), cancellationToken)
                : Task.CompletedTask;
            try
            {
                await loop.RunAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false); // a schedule with no further run: keep serving
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopped (Ctrl+C, SIGTERM): a run under way ends with its iLO sessions logged out, then the server stops.
            }

            await coordinator.WaitIdleAsync().ConfigureAwait(false);
            try
            {
                await beats.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // the heartbeat loop ends with the service
            }

            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await console.Error.WriteLineAsync("serve: stopped").ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    /// <summary>
    /// A shared (PostgreSQL) catalog gets its tables now, not at the first run, so the dashboard, the runners page and the
    /// heartbeats work from the start (no writer's lock is taken). A catalog out of reach is logged: the first run tries again.
    /// </summary>
    private static async Task PrepareCatalogAsync(string repository, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await IloBackup.Engine.Repository.BackupRepository.PrepareSharedCatalogAsync(repository, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IloBackup.Engine.Repository.RepositoryException or IOException)
        {
            logger.LogWarning("cannot prepare the catalog's tables: {Problem} (the first run tries again)", ex.Message);
        }
    }

    /// <summary>The baseline file, read once at start: a bad one is a usage error (exit 2) before anything runs.</summary>
    private static async Task<DriftBaselineFile?> LoadBaselinesAsync(string? path, CancellationToken cancellationToken)
    {
        try
        {
            return path is null ? null : await DriftBaselineFile.LoadAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (DriftBaselineException ex)
        {
            throw new CliUsageException($"--baseline: {ex.Message}", ex);
        }
    }

    private static async Task<int> OnceAsync(
        CliConsole console, FleetRunCoordinator coordinator, (DateTimeOffset? Slot, string? RunId) named, CancellationToken cancellationToken)
    {
        var run = await coordinator.TryStart("once", named.Slot, named.RunId, cancellationToken)!.ConfigureAwait(false);
        foreach (var host in run.Hosts)
        {
            await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{host.Host}\t{host.Serial ?? "-"}\t{host.Status}\t{host.BackupId?.ToString(CultureInfo.InvariantCulture) ?? "-"}\t{host.Reason ?? host.Note ?? string.Empty}")).ConfigureAwait(false);
        }

        await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"run {run.Id}: {run.Succeeded} ok, {run.Skipped} skipped, {run.Failed} failed of {run.Total} in {run.DurationSeconds:0.#} s")).ConfigureAwait(false);
        if (run.RunId is { } runId)
        {
            // The run among runners sharing the catalog (issue 20): its id, and what the others backed up.
            await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"runner {run.Runner}, run {runId}: {run.Hosts.Count(h => h.Status == "taken")} taken by other runners")).ConfigureAwait(false);
        }

        if (run.Error is not null)
        {
            await console.Error.WriteLineAsync($"error: serve --once: {run.Error}").ConfigureAwait(false);
        }
        else if (run.ExitCode != ExitCodes.Ok)
        {
            await console.Error.WriteLineAsync($"error: serve --once: {run.Failed} of {run.Total} iLOs failed (reasons above)").ConfigureAwait(false);
        }

        return run.ExitCode;
    }

    private static async Task Announce(CliConsole console, Microsoft.AspNetCore.Builder.WebApplication app, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate, UsersFile users, string usersPath, BackupSchedule schedule)
    {
        foreach (var url in app.Urls)
        {
            await console.Out.WriteLineAsync($"serve: listening on {url}").ConfigureAwait(false);
        }

        if (certificate is not null)
        {
            await console.Out.WriteLineAsync($"serve: certificate {ServeTls.Fingerprint(certificate)}").ConfigureAwait(false);
        }

        await console.Out.WriteLineAsync($"serve: schedule '{schedule.Text}' ({schedule.Zone.Id}), users file {usersPath} ({users.Principals.Count} entries)").ConfigureAwait(false);
        if (users.Principals.Count == 0)
        {
            await console.Error.WriteLineAsync("serve: nobody can sign in yet: add a user with 'ilobackup serve user add NAME --role operator'").ConfigureAwait(false);
        }
    }

    /// <summary>The inventory's tags per host, as of the newest read of the inventory.</summary>
    private sealed class TagsOfHosts(FleetInventory inventory)
    {
        private volatile FleetInventory _inventory = inventory;

        public IReadOnlyList<string> Of(string host) =>
            _inventory.Hosts.FirstOrDefault(h => string.Equals(h.Address, host, StringComparison.OrdinalIgnoreCase))?.Tags ?? [];

        public FleetInventory Update(FleetInventory inventory)
        {
            _inventory = inventory;
            return inventory;
        }
    }
}
