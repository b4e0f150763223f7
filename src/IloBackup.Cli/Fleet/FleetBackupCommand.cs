using IloBackup.Engine.Secrets;
using System.CommandLine;
using IloBackup.Cli.Repository;
using IloBackup.Engine.Fleet;

namespace IloBackup.Cli.Fleet;

/// <summary><c>ilobackup fleet backup --inventory FILE --repo DIR</c>: back up every iLO into the repository.</summary>
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
        var filePasswordEnv = new Option<string?>("--file-password-env") { Description = "Protect the files with the password in this variable", HelpName = "VAR" };
        var filePasswordFile = new Option<string?>("--file-password-file") { Description = "Protect the files with the password in this file", HelpName = "FILE" };
        var maxSize = Connection.MaxBackupSize.Create();
        var wait = RepoCli.WaitOption();
        var command = new Command("backup", "Back up every iLO of an inventory into the repository");
        shared.AddTo(command);
        foreach (var option in new Option[] { repo, staleOnly, noSnapshot, filePasswordEnv, filePasswordFile, maxSize, wait })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            var runner = shared.Runner(parse);
            ThreadPoolFloor.Raise(console, runner.Concurrency);
            var inventory = await FleetInventoryFile.LoadAsync(parse.GetValue(shared.Inventory)!, ct).ConfigureAwait(false);
            var filePassword = await FilePasswordAsync(console, parse.GetValue(filePasswordEnv), parse.GetValue(filePasswordFile), ct).ConfigureAwait(false);
            var connector = await shared.ConnectorAsync(
                parse, console, filePassword, !parse.GetValue(noSnapshot), ct, Connection.MaxBackupSize.Read(parse, maxSize)).ConfigureAwait(false);
            await using var repository = await RepoCli.OpenForWritingAsync(parse.GetValue(repo), create: true, parse.GetValue(wait), console, ct).ConfigureAwait(false);
            var report = await FleetRun.BackupAsync(
                console, inventory, repository, connector, runner, new FleetBackupOptions { StaleOnly = parse.GetValue(staleOnly) },
                showProgress: !parse.GetValue(shared.Json), ct).ConfigureAwait(false);
            await FleetRun.ReportAsync(console, "fleet backup", report, parse.GetValue(shared.Json), parse.GetValue(shared.Html), withBackups: true, ct)
                .ConfigureAwait(false);
            return report.ExitCode;
        });
        return command;
    }

    private static async Task<string?> FilePasswordAsync(CliConsole console, string? variable, string? file, CancellationToken cancellationToken)
    {
        if (variable is not null && file is not null)
        {
            throw new CliUsageException("give --file-password-env or --file-password-file, not both");
        }

        var reference = variable is not null ? SecretSource.FromEnvironment(variable)
            : file is not null ? SecretSource.FromFile(file)
            : null;
        if (reference is null)
        {
            return null;
        }

        var password = await Connection.CliSecrets.ReadAsync(reference, console, variable is not null ? "--file-password-env" : "--file-password-file", cancellationToken)
            .ConfigureAwait(false);
        return password.Length > 32 ? throw new CliUsageException("a backup file password has at most 32 characters") : password;
    }
}
