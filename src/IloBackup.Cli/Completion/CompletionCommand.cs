using System.CommandLine;
using IloBackup.Cli.Configuration;

namespace IloBackup.Cli.Completion;

/// <summary>
/// <c>ilobackup completion bash|zsh</c>: prints a completion script generated from the command tree
/// (verbs, sub-verbs, options, inventory files, known hosts); docs/install.md shows how to load it.
/// </summary>
internal static class CompletionCommand
{
    public static Command Create(CliConsole console)
    {
        var shell = new Argument<string>("SHELL") { Description = "bash or zsh" };
        shell.AcceptOnlyFromAmong("bash", "zsh");
        var command = new Command("completion", "Print a shell completion script: source <(ilobackup completion bash)") { shell };
        command.SetAction(async (parse, _) =>
        {
            var tables = CompletionTables.Render(CompletionModel.Build(parse.RootCommandResult.Command), KnownHostsDefault(CliSettings.Of(parse)));
            var script = parse.GetValue(shell) == "zsh" ? CompletionScripts.Zsh(tables) : CompletionScripts.Bash(tables);
            await console.Out.WriteAsync(script).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    // The script reads $ILOBACKUP_KNOWN_HOSTS when it completes; a known-hosts of the config file is
    // written into it; else the built-in place, under the $HOME of the shell.
    private static string KnownHostsDefault(CliSettings settings) =>
        settings[SettingKeys.KnownHosts] is { Source: SettingSource.File, Value: { } path }
            ? CompletionTables.Q(path)
            : "\"$HOME/.config/ilobackup/known_hosts\"";
}
