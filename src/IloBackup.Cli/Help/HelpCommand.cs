using System.CommandLine;

namespace IloBackup.Cli.Help;

/// <summary>
/// <c>ilobackup help [COMMAND...]</c> prints a command's help (as <c>--help</c> does);
/// <c>ilobackup help --man</c> prints the man page of the whole tool (roff).
/// </summary>
internal static class HelpCommand
{
    public static Command Create(CliConsole console)
    {
        var words = new Argument<string[]>("COMMAND") { Description = "The command to describe, e.g. fleet backup", Arity = ArgumentArity.ZeroOrMore };
        var man = new Option<bool>("--man") { Description = "Print the man page (roff): ilobackup help --man > ilobackup.1" };
        var command = new Command("help", "Print help for a command, or the man page with --man") { words, man };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(man))
            {
                // A tree of its own: the man page shows built-in defaults, never those of this user's config file.
                await console.Out.WriteAsync(ManPage.Render(CliApp.BuildRoot(console), CliApp.Version)).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            return await CliApp.RunAsync([.. parse.GetValue(words) ?? [], "--help"], console, ct).ConfigureAwait(false);
        });
        return command;
    }
}
