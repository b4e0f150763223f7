using System.CommandLine;

namespace IloBackup.Cli.Connection;

/// <summary>What the <see cref="FilePasswordOptions"/> say, read without I/O; <see cref="Validate"/> refuses a combination that cannot work.</summary>
internal sealed record FilePasswordSettings
{
    public string? Env { get; init; }
    public string? File { get; init; }
    public bool Prompt { get; init; }

    public static FilePasswordSettings From(ParseResult parse, FilePasswordOptions options)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(options);
        return new FilePasswordSettings { Env = parse.GetValue(options.Env), File = parse.GetValue(options.File), Prompt = parse.GetValue(options.Prompt) };
    }

    /// <summary>
    /// Refuses (exit 2) two sources, stdin claimed twice, or a prompt asked for without a terminal
    /// (<paramref name="required"/>: the verb will need the password whatever the file says).
    /// </summary>
    public FilePasswordSettings Validate(bool passwordFromStdin, bool interactive, bool required = false)
    {
        if ((Env is not null ? 1 : 0) + (File is not null ? 1 : 0) + (Prompt ? 1 : 0) > 1)
        {
            throw new CliUsageException("give one of --file-password-env, --file-password-file and --file-password");
        }

        if (File == "-" && passwordFromStdin)
        {
            throw new CliUsageException("the iLO password and the file password cannot both come from stdin");
        }

        if (Env is null && File is null && (Prompt || required) && !interactive)
        {
            throw new CliUsageException("the backup file's password is needed: use --file-password-env or --file-password-file");
        }

        return this;
    }
}
