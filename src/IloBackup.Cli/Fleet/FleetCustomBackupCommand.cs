using System.CommandLine;
using IloBackup.Engine.Fleet;

namespace IloBackup.Cli.Fleet;

/// <summary>
/// <c>ilobackup fleet custom-backup [--enable|--disable]</c>: set CustomBackupandRestore on every
/// iLO, or without a flag show each iLO's setting.
/// </summary>
internal static class FleetCustomBackupCommand
{
    public static Command Create(CliConsole console)
    {
        var shared = new FleetConnectionOptions();
        var enable = new Option<bool>("--enable") { Description = "Let each iLO restore its own backup automatically after a configuration loss" };
        var disable = new Option<bool>("--disable") { Description = "Turn the automatic restore off" };
        var command = new Command(
            "custom-backup",
            "Show, enable or disable CustomBackupandRestore on every iLO of an inventory. Without --enable or --disable "
            + "it only shows each iLO's setting, read from the Backup and Restore service: that read is the one GET of the "
            + "service a read-only verb makes, since the setting lives nowhere else")
        {
            enable, disable,
        };
        shared.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(enable) && parse.GetValue(disable))
            {
                throw new CliUsageException("give --enable or --disable, not both");
            }

            bool? on = parse.GetValue(enable) ? true : parse.GetValue(disable) ? false : null;
            var runner = shared.Settings(parse).Runner();
            ThreadPoolFloor.Raise(console, runner.Concurrency);
            var hosts = await shared.HostsAsync(parse, console, ct).ConfigureAwait(false);
            var options = await shared.ConnectorAsync(parse, console, null, snapshot: false, ct).ConfigureAwait(false);
            FleetConnectionOptions.CheckCredentials(hosts, options);
            var job = new FleetCustomBackupJob(new RedfishIloConnector(options), new FleetRunner(runner), on);
            var (operation, doing) = on switch
            {
                true => ("fleet custom-backup --enable", "enabling custom backup"),
                false => ("fleet custom-backup --disable", "disabling custom backup"),
                null => ("fleet custom-backup", "reading the custom backup setting"),
            };
            var report = await FleetProgressDisplay.RunAsync(
                console, doing, hosts.Count, progress => job.RunAsync(hosts, progress, ct), show: !parse.GetValue(shared.Json)).ConfigureAwait(false);
            await FleetRun.ReportAsync(console, operation, report, parse.GetValue(shared.Json), parse.GetValue(shared.Html), withBackups: false, ct)
                .ConfigureAwait(false);
            return report.ExitCode;
        });
        return command;
    }
}
