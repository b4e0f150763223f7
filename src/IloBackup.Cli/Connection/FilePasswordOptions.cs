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
        var settings = FilePasswordSettings.From(parse, this).Validate(passwordFromStdin, console.IsInteractive, required);
        var (env, file, prompt) = (settings.Env, settings.File, settings.Prompt);
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
