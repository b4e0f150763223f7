using System.CommandLine;
using System.Text;

namespace IloBackup.Cli.Help;

/// <summary>
/// The man page (roff, <c>man 7 man</c> macros) written from the command tree and the same descriptions
/// <c>--help</c> prints, so it cannot drift from the tool: <c>ilobackup help --man &gt; ilobackup.1</c>.
/// </summary>
internal static class ManPage
{
    public static string Render(Command root, string version)
    {
        var s = new StringBuilder();
        s.Append(".TH ILOBACKUP 1 \"\" \"ilobackup ").Append(Escape(version)).Append("\" \"User Commands\"\n");
        s.Append(".SH NAME\nilobackup \\- ").Append(Escape(Lower(VerbExamples.Summary(root.Description) ?? "ilobackup"))).Append('\n');
        s.Append(".SH SYNOPSIS\n.B ilobackup\n.I command\n.RI [ options ]\n.br\n.B ilobackup help\n.RB [ \\-\\-man ]\n.RI [ command ...]\n");
        s.Append(".SH DESCRIPTION\n").Append(Escape(VerbExamples.Summary(root.Description) ?? string.Empty)).Append('\n');
        Paragraph(s, "Every command prints its own help with --help. Defaults shown are the built-in ones; a config file or "
            + "environment variables may change them (see CONFIGURATION); `ilobackup config show` prints the effective ones.");
        s.Append(".SH GLOBAL OPTIONS\n");
        foreach (var option in root.Options.Where(o => !o.Hidden))
        {
            Option(s, option);
        }

        s.Append(".SH COMMANDS\n");
        foreach (var command in root.Subcommands.Where(c => !c.Hidden))
        {
            Command(s, command, "ilobackup");
        }

        Sections(s);
        return s.ToString();
    }

    private static void Command(StringBuilder s, Command command, string parent)
    {
        var name = $"{parent} {command.Name}";
        s.Append(".SS \"").Append(Escape(name));
        foreach (var argument in command.Arguments.Where(a => !a.Hidden))
        {
            var optional = argument.Arity.MinimumNumberOfValues == 0;
            s.Append(' ').Append(optional ? "[" : string.Empty).Append(Escape(argument.Name)).Append(optional ? "]" : string.Empty);
        }

        s.Append("\"\n");
        Paragraph(s, VerbExamples.Summary(command.Description) ?? string.Empty);
        if (VerbExamples.Of(name["ilobackup ".Length..]) is { Count: > 0 } examples)
        {
            s.Append(".PP\nExamples:\n.RS\n.nf\n").Append(string.Join('\n', examples.Select(Escape))).Append("\n.fi\n.RE\n");
        }

        foreach (var argument in command.Arguments.Where(a => !a.Hidden))
        {
            s.Append(".TP\n.I ").Append(Escape(argument.Name)).Append('\n').Append(Escape(argument.Description ?? string.Empty)).Append('\n');
        }

        foreach (var option in command.Options.Where(o => !o.Hidden && o is not System.CommandLine.Help.HelpOption))
        {
            Option(s, option);
        }

        foreach (var sub in command.Subcommands.Where(c => !c.Hidden))
        {
            Command(s, sub, name);
        }
    }

    private static void Option(StringBuilder s, Option option)
    {
        var names = string.Join(", ", option.Aliases.Where(a => a.Length == 2 && a[0] == '-').Append(option.Name).Select(Escape));
        s.Append(".TP\n.B ").Append(names);
        if (option.Arity.MaximumNumberOfValues > 0 && option.ValueType != typeof(bool))
        {
            s.Append(" \\fI").Append(Escape(option.HelpName ?? option.Name.TrimStart('-').ToUpperInvariant())).Append("\\fR");
        }

        s.Append('\n').Append(Escape(option.Description ?? string.Empty));
        if (option.HasDefaultValue && option.GetDefaultValue() is { } value && value is not bool && value.ToString() is { Length: > 0 } text)
        {
            s.Append(" [default: ").Append(Escape(text)).Append(']');
        }

        s.Append('\n');
    }

    private static void Sections(StringBuilder s)
    {
        s.Append(".SH CONFIGURATION\n");
        Paragraph(s, "Defaults come from, in this order: the flag, the environment, the config file, the built-in value. "
            + "The config file is --config FILE, else $ILOBACKUP_CONFIG, else $XDG_CONFIG_HOME/ilobackup/config.yaml "
            + "(~/.config/ilobackup/config.yaml). A key the tool does not know is an error naming the file and line. "
            + "The file never holds a secret: a password key is refused; name a file (password-file) or a variable (password-env) instead. "
            + "Relative paths in the file are relative to the file's folder; ~/ is the home folder. Its keys:");
        foreach (var key in Configuration.SettingKeys.All)
        {
            s.Append(".TP\n.B ").Append(Escape(key.Name + ":")).Append('\n').Append(Escape(key.Meaning)).Append('\n');
        }

        s.Append(".TP\n.B serve:\nthe serve verb's section: the serve.* keys above, nested (tls:, notify:, webhook:, mail:); secrets only as -file or -env references\n");
        s.Append(".SH ENVIRONMENT\n");
        var variables = new List<(string Name, string Meaning)>
        {
            ("ILO_PASSWORD", "the iLO password, unless password-env names another variable"),
            (Configuration.ConfigLocation.EnvironmentVariable, "the config file"),
        };
        variables.AddRange(Configuration.SettingKeys.All.Select(k => (k.EnvironmentVariable, k.Meaning)));
        variables.Add(("XDG_CONFIG_HOME", "where the default config file is looked for (~/.config)"));
        foreach (var (name, meaning) in variables)
        {
            s.Append(".TP\n.B ").Append(Escape(name)).Append('\n').Append(Escape(meaning)).Append('\n');
        }

        s.Append(".SH FILES\n.TP\n.I ~/.config/ilobackup/config.yaml\ndefaults (see CONFIGURATION)\n");
        s.Append(".TP\n.I ~/.config/ilobackup/known_hosts\npinned iLO certificates, one \\(lqhost:port SHA256:...\\(rq line each\n");
        s.Append(".SH EXIT STATUS\n");
        foreach (var (code, meaning) in new[]
        {
            (ExitCodes.Ok, "success"), (ExitCodes.Failed, "failed"), (ExitCodes.Usage, "usage error"),
            (ExitCodes.Partial, "fleet run: some hosts failed"),
            (ExitCodes.Suspect, "fleet backup: none failed, but some new backups are suspect"), (ExitCodes.Interrupted, "interrupted (Ctrl+C)"),
        })
        {
            s.Append(".TP\n.B ").Append(code).Append('\n').Append(meaning).Append('\n');
        }

        s.Append(".SH SEE ALSO\n");
        Paragraph(s, "The project's README.md and docs/ (install.md, configuration.md, repository.md, client.md, emulator.md).");
    }

    private static void Paragraph(StringBuilder s, string text) => s.Append(".PP\n").Append(Escape(text)).Append('\n');

    private static string Lower(string text) => text.StartsWith("ilobackup: ", StringComparison.Ordinal) ? text["ilobackup: ".Length..] : text;

    /// <summary>Text safe in roff: backslashes and hyphens escaped, no line starting with a control character.</summary>
    public static string Escape(string text)
    {
        var escaped = text.Replace("\\", "\\e", StringComparison.Ordinal).Replace("-", "\\-", StringComparison.Ordinal)
            .Replace("\r", string.Empty, StringComparison.Ordinal);
        var lines = escaped.Split('\n').Select(l => l.StartsWith('.') || l.StartsWith('\'') ? "\\&" + l : l);
        return string.Join('\n', lines);
    }
}
