using System.CommandLine;
using IloBackup.Engine.Secrets;

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

        if (file == "-" && passwordFromStdin)
        {
            throw new CliUsageException("the iLO password and the file password cannot both come from stdin");
        }

        if (env is null && file is null && (prompt || required) && !console.IsInteractive)
        {
            throw new CliUsageException("the backup file's password is needed: use --file-password-env or --file-password-file");
        }

        var (source, option) = env is not null ? (SecretSource.FromEnvironment(env), "--file-password-env")
            : file is not null ? (SecretSource.FromFile(file), "--file-password-file")
            : prompt || required ? (SecretSource.FromPrompt("Backup file password: "), "--file-password")
            : (null, string.Empty);
        if (source is null)
        {
            return null;
        }

        var password = await CliSecrets.ReadAsync(source, console, option, cancellationToken).ConfigureAwait(false);

        return password.Length is 0 or > MaxLength
            ? throw new CliUsageException($"a backup file password has 1 to {MaxLength} characters")
            : password;
    }
}
