using System.CommandLine;

namespace IloBackup.Cli.Fleet;

/// <summary><c>ilobackup fleet ...</c>: the verbs that work on every iLO of an inventory.</summary>
internal static class FleetCommand
{
    public static Command Create(CliConsole console) =>
        new("fleet", "Work on every iLO of an inventory at once (bounded concurrency, one outcome per iLO)")
        {
            FleetBackupCommand.Create(console),
            FleetCustomBackupCommand.Create(console),
        };
}
