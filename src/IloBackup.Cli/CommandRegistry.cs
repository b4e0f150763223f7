using System.CommandLine;

namespace IloBackup.Cli;

/// <summary>
/// The one place every verb is registered. Each verb lives in its own folder with a
/// XxxCommand class exposing <c>static Command Create(CliConsole console)</c>.
/// </summary>
internal static class CommandRegistry
{
    public static IEnumerable<Command> Create(CliConsole console)
    {
        return
        [
            Emulator.EmulatorCommand.Create(console),
            Backup.BackupCommand.Create(console),
            Restore.RestoreCommand.Create(console),
            CustomBackup.CustomBackupCommand.Create(console),
            Nand.NandCommand.Create(console),
            Inspect.InspectCommand.Create(console),
            Diff.DiffCommand.Create(console),
            History.HistoryCommand.Create(console),
            Show.ShowCommand.Create(console),
            Drift.DriftCommand.Create(console),
            Verify.VerifyCommand.Create(console),
            Prune.PruneCommand.Create(console),
            Repo.RepoCommand.Create(console),
            Trust.TrustCommand.Create(console),
            Trust.UntrustCommand.Create(console),
            Fleet.FleetCommand.Create(console),
            Serve.ServeCommand.Create(console),
            Demo.DemoCommand.Create(console),
            Configuration.ConfigCommand.Create(console),
            Completion.CompletionCommand.Create(console),
            Help.HelpCommand.Create(console),
        ];
    }
}
