using System.CommandLine;
using System.Globalization;
using IloBackup.Cli.Fleet;
using IloBackup.Cli.Repository;
using IloBackup.Emulator.Hosting;
using IloBackup.Engine.Fleet;
using IloBackup.Engine.Repository;
using IloBackup.Redfish;
using IloBackup.Redfish.Credentials;
using IloBackup.Redfish.Tls;
using Spectre.Console;

namespace IloBackup.Cli.Demo;

/// <summary>
/// <c>ilobackup demo</c>: the whole mission on this machine alone. Starts a fleet of emulated iLOs
/// (in process, real loopback sockets, HTTPS with pinned certificates), backs them all up into a
/// repository, simulates a battery failure on one, restores it from the repository by its serial
/// number, verifies it, prints what happened and cleans up.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliConsole console)
    {
        var count = new Option<int>("--count") { Description = "How many emulated iLOs", DefaultValueFactory = _ => 8, HelpName = "N" };
        var repo = new Option<string?>("--repo")
        {
            Description = "Keep the repository here: a folder, or a repository file (docs/repository.md) (default: a temporary directory)",
            HelpName = "REPO",
        };
        var stateDir = new Option<string?>("--state-dir") { Description = "Keep the emulator's state here (default: a temporary directory)", HelpName = "DIR" };
        var keep = new Option<bool>("--keep") { Description = "Keep the temporary directories" };
        var generation = Emulator.GenerationOption.Create("iLO generation of the emulated iLOs: 5, 6 or 7");
        var serve = new Option<bool>("--serve") { Description = "Then keep the dashboard (ilobackup serve) up over the demo's repository and fleet until Ctrl+C, and print its URL" };
        var listen = new Option<string>("--listen") { Description = "The dashboard's address with --serve (port 0: a free port)", DefaultValueFactory = _ => "127.0.0.1:0", HelpName = "ADDRESS:PORT" };
        var command = new Command("demo", "Run the whole mission against built-in emulated iLOs: fleet backup, battery failure, restore by serial, verify")
        {
            count, repo, stateDir, keep, generation, serve, listen,
        };
        command.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(count);
            if (n is < 1 or > 200)
            {
                throw new CliUsageException("--count must be between 1 and 200");
            }

            var g = parse.GetValue(generation);

            var dashboard = parse.GetValue(serve) ? Serve.ServeListen.Parse(parse.GetValue(listen)!, tls: true) : null;
            var scratch = Directory.CreateTempSubdirectory("ilobackup-demo-").FullName;
            var keepScratch = parse.GetValue(keep);
            try
            {
                var paths = new DemoPaths(
                    parse.GetValue(repo) is { } r ? Path.GetFullPath(r) : Path.Combine(scratch, "repo"),
                    parse.GetValue(stateDir) is { } s ? Path.GetFullPath(s) : Path.Combine(scratch, "emulator"));
                return await RunAsync(console, n, g, paths, dashboard, ct).ConfigureAwait(false);
            }
            finally
            {
                if (keepScratch)
                {
                    await console.Out.WriteLineAsync($"kept {scratch}").ConfigureAwait(false);
                }
                else
                {
                    ObjectStore.DeleteDirectory(scratch);
                }
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, int count, int generation, DemoPaths paths, System.Net.IPEndPoint? dashboard, CancellationToken cancellationToken)
    {
        var time = TimeProvider.System;
        var started = time.GetTimestamp();
        var ansi = RepoCli.Ansi(console);
        void Say(string text) => console.Out.WriteLine(text);
        void Step(int n, string text) => ansi.MarkupLine($"[bold]\n[[{n}/6]] {Markup.Escape(text)}[/]");

        Step(1, $"starting {count} emulated iLOs (HTTPS on 127.0.0.1, each with its own certificate)");
        await using var fleet = await EmulatorFleet.StartAsync(DemoEmulator.Options(count, paths.State, generation), cancellationToken).ConfigureAwait(false);
        foreach (var ilo in fleet.Ilos)
        {
            DemoSite.Configure(ilo);
        }

        Say($"{count} iLOs up (iLO {fleet[0].Identity.Generation} firmware {fleet[0].Identity.FirmwareVersion}), state in {paths.State}");
        var credential = new RedfishCredential(fleet.AdminUser, fleet.AdminPassword);
        var tls = TlsPolicy.VerifyAndPin(knownHosts: null);

        Step(2, $"fleet backup into the repository {paths.Repository}");
        await using var repository = await BackupRepository.OpenAsync(paths.Repository, null, cancellationToken).ConfigureAwait(false);
        var inventory = DemoSite.Inventory(fleet);
        var connectorOptions = new RedfishIloConnectorOptions { Tls = tls, DefaultCredential = credential, Tool = $"ilobackup/{CliApp.Version} demo" };
        Task<FleetReport> FleetBackupAsync() => FleetRun.BackupAsync(
            console, inventory.Hosts, repository,
            connectorOptions,
            new FleetRunnerOptions { Concurrency = 16, HostDeadline = TimeSpan.FromMinutes(1), RetryDelay = TimeSpan.FromMilliseconds(200) },
            new FleetBackupOptions(),
            showProgress: true,
            cancellationToken);
        var report = await FleetBackupAsync().ConfigureAwait(false);
        FleetReportTable.Write(ansi, "fleet backup", report, withBackups: true);
        if (report.Failed > 0)
        {
            await console.Error.WriteLineAsync($"error: demo: {report.Failed} iLO(s) could not be backed up").ConfigureAwait(false);
            return ExitCodes.Failed;
        }

        var victim = fleet[count / 2];
        var before = DemoSite.Describe(victim.Configuration);
        Step(3, $"battery failure on {victim.BaseUrl} (server {victim.Identity.ServerSerial})");
        Say($"before: {before}");
        victim.SimulateBatteryFailure(DemoEmulator.RebootTime);
        Say($"after:  {DemoSite.Describe(victim.Configuration)}  (SRAM lost: factory defaults)");

        using var client = RedfishClient.CreateBuilder(RedfishEndpoint.Parse(victim.BaseUrl.ToString()))
            .WithCredentials(credential)
            .WithTls(tls with { PinnedFingerprint = victim.CertificateFingerprint })
            .Build();
        var goodBefore = report.Outcomes.Single(o => o.Result?.Identity.SerialNumber == victim.Identity.ServerSerial).Result!.BackupId;

        Step(4, "the nightly fleet backup, after the failure");
        await DemoRestore.WaitUntilReachableAsync(client, TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);
        var nightly = await FleetBackupAsync().ConfigureAwait(false);
        FleetReportTable.Write(ansi, "nightly fleet backup", nightly, withBackups: true);
        var flagged = nightly.Outcomes.Where(o => o.Result?.Suspect == true).Select(o => o.Result!.Identity.SerialNumber).ToList();
        Say(flagged.Count == 1 && flagged[0] == victim.Identity.ServerSerial
            ? $"the new backup of {victim.Identity.ServerSerial} is marked suspect: restore by serial and prune will pass it over"
            : $"expected only {victim.Identity.ServerSerial} to be suspect, got: {(flagged.Count == 0 ? "none" : string.Join(' ', flagged))}");

        Step(5, "restore from the repository by serial number");
        var (entry, result) = await DemoRestore.RunAsync(client, repository, TimeSpan.FromMinutes(1), Say, cancellationToken).ConfigureAwait(false);
        Say(string.Create(
            CultureInfo.InvariantCulture,
            $"restored backup #{entry.Id}; the iLO reset{(result.ResetObserved ? " (seen going away)" : string.Empty)} and was back after {Duration.Format(result.Duration)}"));

        Step(6, "verify");
        var after = DemoSite.Describe(victim.Configuration);
        var differences = result.Differences?.Count ?? 0;
        var check = await repository.VerifyAsync(cancellationToken).ConfigureAwait(false);
        Say($"identity after restore: {result.IdentityAfter} — {(result.IdentityMatches ? "same server" : "ANOTHER SERVER")}");
        Say(result.SnapshotMatches is null
            ? "no snapshot at backup time to compare with"
            : $"readable snapshot vs backup time: {differences} difference(s)");
        Say($"configuration now: {after} — {(after == before ? "as before the failure" : "DIFFERENT from before the failure")}");
        Say($"repository verify: {check.ObjectsChecked} file(s) re-hashed, {check.Corrupt.Count} corrupt, {check.Missing.Count} missing");
        var ok = result.IdentityMatches && result.SnapshotMatches != false && after == before && check.IsHealthy
            && entry.Id == goodBefore && flagged.Count == 1 && flagged[0] == victim.Identity.ServerSerial && nightly.Failed == 0;
        Say(string.Create(
            CultureInfo.InvariantCulture,
            $"\n{(ok ? "demo passed" : "demo FAILED")}: {count} iLOs backed up, the backup after {victim.Identity.ServerSerial}'s battery failure marked suspect, "
            + $"the server recovered from the backup before it by serial number, in {Duration.Format(time.GetElapsedTime(started))}"));
        if (dashboard is not null)
        {
            // The service opens the repository for each run: this process lets go of it first.
            await repository.DisposeAsync().ConfigureAwait(false);
            await DemoServe.RunAsync(console, fleet, paths.Repository, connectorOptions, dashboard, cancellationToken).ConfigureAwait(false);
        }

        return ok ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private sealed record DemoPaths(string Repository, string State);
}
