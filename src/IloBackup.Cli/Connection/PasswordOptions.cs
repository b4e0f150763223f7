using System.CommandLine;
using IloBackup.Engine.Secrets;

namespace IloBackup.Cli.Connection;

/// <summary>
/// Where the iLO password comes from: <c>ILO_PASSWORD</c>, <c>--password-file</c>,
/// <c>--password-stdin</c> or a prompt without echo. Never from argv.
/// </summary>
internal sealed class PasswordOptions
{
    public const string Variable = "ILO_PASSWORD";

    public Option<string> User { get; } = new("--user", "-u")
    {
        Description = "iLO user name", HelpName = "NAME", DefaultValueFactory = _ => "Administrator",
    };

    public Option<string?> PasswordFile { get; } = new("--password-file") { Description = $"File holding the iLO password (else ${Variable})", HelpName = "FILE" };

    public Option<bool> PasswordStdin { get; } = new("--password-stdin") { Description = "Read the iLO password from the first line of stdin" };

    public IEnumerable<Option> All => [User, PasswordFile, PasswordStdin];

    public bool ReadsStdin(ParseResult parse) => parse.GetValue(PasswordStdin);

    public async Task<string> ReadAsync(ParseResult parse, CliConsole console, string host, CancellationToken cancellationToken)
    {
        var file = parse.GetValue(PasswordFile);
        if (file is not null && parse.GetValue(PasswordStdin))
        {
            throw new CliUsageException("give --password-file or --password-stdin, not both");
        }

        if (file is not null)
        {
            return await CliSecrets.ReadAsync(SecretSource.FromFile(file), console, "--password-file", cancellationToken).ConfigureAwait(false);
        }

        if (parse.GetValue(PasswordStdin))
        {
            return await CliSecrets.ReadAsync(SecretSource.FromStdin(), console, "--password-stdin", cancellationToken).ConfigureAwait(false);
        }

        // $ILO_PASSWORD (or the variable the config's password-env names), else the config's password-file.
        if (await Configuration.CliSettings.Of(parse).PasswordAsync(cancellationToken).ConfigureAwait(false) is { } configured)
        {
            return configured;
        }

        if (!console.IsInteractive)
        {
            throw new CliUsageException(
                $"no iLO password: set {Configuration.CliSettings.Of(parse)[Configuration.SettingKeys.PasswordEnv].Value}, or use --password-file or --password-stdin");
        }

        return await CliSecrets.ReadAsync(SecretSource.FromPrompt($"Password for {parse.GetValue(User)} on {host}: "), console, "password", cancellationToken)
            .ConfigureAwait(false);
    }
}
