using IloBackup.Cli.Repository;
using IloBackup.Engine.Fleet;
using IloBackup.Engine.Inventory;
using IloBackup.Engine.Repository;

namespace IloBackup.Cli.Fleet;

/// <summary>What fleet verbs and the demo share: running a fleet backup and reporting a fleet run (verbs never call each other).</summary>
internal static class FleetRun
{
    /// <summary>One fleet backup into a repository, with its live progress (the fleet backup verb and the demo).</summary>
    public static async Task<FleetReport> BackupAsync(
        CliConsole console,
        FleetInventory inventory,
        BackupRepository repository,
        RedfishIloConnectorOptions connectorOptions,
        FleetRunnerOptions runnerOptions,
        FleetBackupOptions backupOptions,
        bool showProgress,
        CancellationToken cancellationToken)
    {
        var connector = new RedfishIloConnector(connectorOptions);
        var job = new FleetBackupJob(repository, connector, new FleetRunner(runnerOptions), backupOptions);
        var verb = backupOptions.StaleOnly ? "backing up stale iLOs" : "backing up";
        return await FleetProgressDisplay.RunAsync(
            console, verb, inventory.Hosts.Count, progress => job.RunAsync(inventory.Hosts, progress, cancellationToken), showProgress)
            .ConfigureAwait(false);
    }

    /// <summary>The report: HTML file, JSON or table, and the one error line when iLOs failed.</summary>
    public static async Task ReportAsync(
        CliConsole console, string operation, FleetReport report, bool json, string? html, bool withBackups, CancellationToken cancellationToken)
    {
        if (html is not null)
        {
            await FleetHtmlReport.WriteAsync(html, $"ilobackup {operation}", report, cancellationToken).ConfigureAwait(false);
        }

        if (json)
        {
            await console.Out.WriteLineAsync(FleetReportJson.Render(operation, report)).ConfigureAwait(false);
        }
        else
        {
            FleetReportTable.Write(RepoCli.Ansi(console), operation, report, withBackups);
        }

        foreach (var o in report.Outcomes.Where(o => o.Result?.Suspect == true))
        {
            await console.Error.WriteLineAsync(
                $"warning: {operation}: {o.Host.Address} (server {o.Result!.Identity.SerialNumber}): backup {o.Result.BackupId} is suspect: {o.Result.SuspectReason}; "
                + "restore by serial and prune pass it over").ConfigureAwait(false);
        }

        if (report.ExitCode == ExitCodes.Suspect)
        {
            await console.Error.WriteLineAsync($"error: {operation}: {report.Suspect} of {report.Outcomes.Count} new backups are suspect (exit {ExitCodes.Suspect})").ConfigureAwait(false);
        }
        else if (report.ExitCode != ExitCodes.Ok)
        {
            var what = report.ExitCode == ExitCodes.Failed ? "every iLO failed" : $"{report.Failed} of {report.Outcomes.Count} iLOs failed";
            await console.Error.WriteLineAsync($"error: {operation}: {what} (reasons in the report)").ConfigureAwait(false);
        }
    }
}
