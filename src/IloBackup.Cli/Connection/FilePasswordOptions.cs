using System.CommandLine;

namespace IloBackup.Cli.Connection;

/// <summary>
/// The backup file's own password (at most 32 characters, §3): <c>--file-password-env VAR</c>,
/// <c>--file-password-file F</c> (<c>-</c> for stdin) or a prompt.
/// </summary>
internal sealed class FilePasswordOptions
{
    public const int MaxLength = 32;

    public Option<string?> Env { get; } = new("--file-password-env") { Description = "Variable holding the backup file's password", HelpName = "VAR" };

    public Option<string?> File { get; } = new("--file-password-file") { Description = "File holding the backup file's password ('-' for stdin)", HelpName = "FILE" };

    public Option<bool> Prompt { get; } = new("--file-password") { Description = "Ask for the backup file's password at the terminal" };

    public IEnumerable<Option> All => [Env, File, Prompt];

    /// <summary>The file password, or null when none was asked for. <paramref name="required"/> prompts when none was given.</summary>
    public async Task<string?> ReadAsync(
        ParseResult parse, CliConsole console, bool passwordFromStdin, bool required, CancellationToken cancellationToken)
    {
        var env = parse.GetValue(Env);
        var file = parse.GetValue(File);
        var prompt = parse.GetValue(Prompt);
        if ((env is not null ? 1 : 0) + (file is not null ? 1 : 0) + (prompt ? 1 : 0) > 1)
        {
            throw new CliUsageException("give one of --file-password-env, --file-password-file and --file-password");
        }

        string? password;
        if (env is not null)
        {
            password = Environment.GetEnvironmentVariable(env);
            if (string.IsNullOrEmpty(password))
            {
                throw new CliUsageException($"--file-password-env: the variable {env} is not set");
            }
        }
        else if (file == "-")
        {
            if (passwordFromStdin)
            {
                throw new CliUsageException("the iLO password and the file password cannot both come from stdin");
            }

            password = await console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(password))
            {
                throw new CliUsageException("--file-password-file -: nothing on stdin");
            }
        }
        else if (file is not null)
        {
            password = await SecretFile.ReadAsync(file, "--file-password-file", cancellationToken).ConfigureAwait(false);
        }
        else if (prompt || required)
        {
            if (!console.IsInteractive)
            {
                throw new CliUsageException("the backup file's password is needed: use --file-password-env or --file-password-file");
            }

            password = await SecretPrompt.ReadSecretAsync(console, "Backup file password: ", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            return null;
        }

        return password.Length is 0 or > MaxLength
            ? throw new CliUsageException($"a backup file password has 1 to {MaxLength} characters")
            : password;
    }
}
