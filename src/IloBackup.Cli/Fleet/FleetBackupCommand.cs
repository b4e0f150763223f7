using System.CommandLine;
using IloBackup.Cli.Repository;
using IloBackup.Engine.Fleet;

namespace IloBackup.Cli.Fleet;

/// <summary><c>ilobackup fleet backup --inventory FILE --repo REPO</c>: back up every iLO into the repository.</summary>
internal static class FleetBackupCommand
{
    public static Command Create(CliConsole console)
    {
        var shared = new FleetConnectionOptions();
        var repo = RepoCli.RepoOption();
        var staleOnly = new Option<bool>("--stale-only")
        {
            Description = "Only servers never backed up, or whose newest backup was taken on older firmware than they run now",
        };
        var noSnapshot = new Option<bool>("--no-snapshot") { Description = "Skip the readable snapshot (fastest)" };
        var filePassword = new Connection.FilePasswordOptions();
        var maxSize = Connection.MaxBackupSize.Create();
        var wait = RepoCli.WaitOption();
        var runners = new RunnerCliOptions();
        var command = new Command("backup", "Back up every iLO of an inventory into the repository");
        shared.AddTo(command);
        foreach (var option in new Option[] { repo, staleOnly, noSnapshot }.Concat(filePassword.All).Append(maxSize).Append(wait).Concat(runners.All))
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            var runner = shared.Settings(parse).Runner();
            var who = runners.Settings(parse);
            ThreadPoolFloor.Raise(console, runner.Concurrency);
            var hosts = await shared.HostsAsync(parse, console, ct).ConfigureAwait(false);
            var password = await filePassword.ReadAsync(parse, console, parse.GetValue(shared.PasswordStdin), required: false, ct).ConfigureAwait(false);
            var connector = await shared.ConnectorAsync(
                parse, console, password, !parse.GetValue(noSnapshot), ct, Connection.MaxBackupSize.Read(parse, maxSize)).ConfigureAwait(false);
            FleetConnectionOptions.CheckCredentials(hosts, connector);
            await using var repository = await RepoCli.OpenForBackupAsync(parse.GetValue(repo), who.Named ? who.Runner : null, parse.GetValue(wait), console, ct).ConfigureAwait(false);
            var report = await FleetRun.BackupAsync(
                console, hosts, repository, connector, runner, who.Apply(new FleetBackupOptions { StaleOnly = parse.GetValue(staleOnly) }, repository, runner),
                showProgress: !parse.GetValue(shared.Json), ct).ConfigureAwait(false);
            await FleetRun.ReportAsync(console, "fleet backup", report, parse.GetValue(shared.Json), parse.GetValue(shared.Html), withBackups: true, ct)
                .ConfigureAwait(false);
            return report.ExitCode;
        });
        return command;
    }
}
