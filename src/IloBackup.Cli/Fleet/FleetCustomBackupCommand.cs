using System.CommandLine;
using IloBackup.Engine.Fleet;

namespace IloBackup.Cli.Fleet;

/// <summary><c>ilobackup fleet custom-backup --enable|--disable</c>: set CustomBackupandRestore on every iLO.</summary>
internal static class FleetCustomBackupCommand
{
    public static Command Create(CliConsole console)
    {
        var shared = new FleetConnectionOptions();
        var enable = new Option<bool>("--enable") { Description = "Let each iLO restore its own backup automatically after a configuration loss" };
        var disable = new Option<bool>("--disable") { Description = "Turn the automatic restore off" };
        var command = new Command("custom-backup", "Enable or disable CustomBackupandRestore on every iLO of an inventory") { enable, disable };
        shared.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(enable) == parse.GetValue(disable))
            {
                throw new CliUsageException("give exactly one of --enable or --disable");
            }

            var on = parse.GetValue(enable);
            var runner = shared.Runner(parse);
            ThreadPoolFloor.Raise(console, runner.Concurrency);
            var inventory = await FleetInventoryFile.LoadAsync(parse.GetValue(shared.Inventory)!, ct).ConfigureAwait(false);
            var connector = new RedfishIloConnector(
                await shared.ConnectorAsync(parse, console, null, snapshot: false, ct).ConfigureAwait(false));
            var job = new FleetCustomBackupJob(connector, new FleetRunner(runner), on);
            var operation = on ? "fleet custom-backup --enable" : "fleet custom-backup --disable";
            var report = await FleetProgressDisplay.RunAsync(
                console, on ? "enabling custom backup" : "disabling custom backup", inventory.Hosts.Count,
                progress => job.RunAsync(inventory.Hosts, progress, ct), show: !parse.GetValue(shared.Json)).ConfigureAwait(false);
            await FleetRun.ReportAsync(console, operation, report, parse.GetValue(shared.Json), parse.GetValue(shared.Html), withBackups: false, ct)
                .ConfigureAwait(false);
            return report.ExitCode;
        });
        return command;
    }
}
