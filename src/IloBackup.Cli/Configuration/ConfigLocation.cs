namespace IloBackup.Cli.Configuration;

/// <summary>
/// Which config file applies: <c>--config FILE</c>, else <c>$ILOBACKUP_CONFIG</c>, else
/// <c>$XDG_CONFIG_HOME/ilobackup/config.yaml</c> (<c>~/.config/ilobackup/config.yaml</c>). A file named
/// by the flag or the variable must exist; the default one is optional.
/// </summary>
internal sealed record ConfigLocation(string Path, string Source, bool Explicit)
{
    public const string Option = "--config";
    public const string EnvironmentVariable = "ILOBACKUP_CONFIG";

    public static ConfigLocation Find(IReadOnlyList<string> args, Func<string, string?> env)
    {
        if (FromArgs(args) is { } flag)
        {
            return new ConfigLocation(flag, "flag " + Option, Explicit: true);
        }

        if (env(EnvironmentVariable) is { Length: > 0 } fromEnv)
        {
            return new ConfigLocation(fromEnv, "env " + EnvironmentVariable, Explicit: true);
        }

        var configHome = env("XDG_CONFIG_HOME") is { Length: > 0 } xdg && System.IO.Path.IsPathRooted(xdg)
            ? xdg
            : System.IO.Path.Combine(SettingKeys.Home(env), ".config");
        return new ConfigLocation(System.IO.Path.Combine(configHome, "ilobackup", "config.yaml"), "default location", Explicit: false);
    }

    /// <summary>
    /// The value of <c>--config</c> wherever it stands (it is a global option), read before parsing so the
    /// file can supply the other options' defaults. The parser checks the same flag again.
    /// </summary>
    private static string? FromArgs(IReadOnlyList<string> args)
    {
        string? found = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                break;
            }

            if (arg == Option && i + 1 < args.Count)
            {
                found = args[++i];
            }
            else if (arg.Length > Option.Length + 1 && arg.StartsWith(Option, StringComparison.Ordinal) && arg[Option.Length] is '=' or ':')
            {
                found = arg[(Option.Length + 1)..];
            }
        }

        return found;
    }
}
