using System.CommandLine;
using IloBackup.Cli.Connection;
using IloBackup.Cli.Repository;
using IloBackup.Engine.Secrets;
using IloBackup.Serve.Access;

namespace IloBackup.Cli.Serve;

/// <summary>
/// <c>ilobackup serve user add NAME --role viewer|operator</c> and <c>serve token add NAME --role ...</c>: entries of the
/// users file. A password comes from <c>--password-file</c>, <c>--password-stdin</c> or the prompt (never argv); only its
/// PBKDF2 hash is written. A token is made here and printed once.
/// </summary>
internal static class ServeUserCommand
{
    public static Command CreateUser(CliConsole console)
    {
        var (name, role, users, repo) = Common();
        var passwordFile = new Option<string?>("--password-file") { Description = "File holding the new user's password", HelpName = "FILE" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the new user's password from the first line of stdin" };
        var add = new Command("add", "Add a user (or set a user's password and role) in the users file") { name, role, users, repo, passwordFile, passwordStdin };
        add.SetAction(async (parse, ct) =>
        {
            var userName = CheckedName(parse.GetValue(name)!);
            var file = parse.GetValue(passwordFile);
            if (file is not null && parse.GetValue(passwordStdin))
            {
                throw new CliUsageException("give --password-file or --password-stdin, not both");
            }

            var source = file is not null ? SecretSource.FromFile(file)
                : parse.GetValue(passwordStdin) ? SecretSource.FromStdin()
                : console.IsInteractive ? SecretSource.FromPrompt($"Password for {userName}: ")
                : throw new CliUsageException("give the password with --password-file or --password-stdin (no terminal to ask on)");
            var password = await CliSecrets.ReadAsync(source, console, file is not null ? "--password-file" : "--password-stdin", ct).ConfigureAwait(false);
            if (password.Length < 12)
            {
                throw new CliUsageException("a password for the dashboard has at least 12 characters");
            }

            var path = ServeUsersFile.Path(parse.GetValue(users), parse.GetValue(repo));
            var parsedRole = ParseRole(parse.GetValue(role)!);
            await Load(path).WithAsync(new Principal("user", userName, parsedRole, PasswordHash.Hash(password)), ct).ConfigureAwait(false);
            await console.Out.WriteLineAsync($"user {userName} ({parsedRole.ToString().ToLowerInvariant()}) saved in {path}").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return new Command("user", "Users of the dashboard (the users file)") { add };
    }

    public static Command CreateToken(CliConsole console)
    {
        var (name, role, users, repo) = Common();
        var add = new Command("add", "Make a bearer token (for Prometheus or scripts) and print it once") { name, role, users, repo };
        add.SetAction(async (parse, ct) =>
        {
            var tokenName = CheckedName(parse.GetValue(name)!);
            var path = ServeUsersFile.Path(parse.GetValue(users), parse.GetValue(repo));
            var parsedRole = ParseRole(parse.GetValue(role)!);
            var (token, stored) = PasswordHash.NewToken();
            await Load(path).WithAsync(new Principal("token", tokenName, parsedRole, stored), ct).ConfigureAwait(false);
            await console.Error.WriteLineAsync($"token {tokenName} ({parsedRole.ToString().ToLowerInvariant()}) saved in {path}; it is shown once:").ConfigureAwait(false);
            await console.Out.WriteLineAsync(token).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return new Command("token", "Bearer tokens of the service (the users file)") { add };
    }

    /// <summary>The users file: <c>--users</c>, else <c>serve/users</c> in the repository.</summary>
    private static (Argument<string> Name, Option<string> Role, Option<string?> Users, Option<string?> Repo) Common() =>
    (
        new Argument<string>("NAME") { Description = "Letters, digits, '.', '_', '-' or '@'" },
        new Option<string>("--role") { Description = "viewer (reads) or operator (also starts runs and downloads backups)", Required = true, HelpName = "ROLE" },
        ServeUsersFile.Option(),
        RepoCli.RepoOption()
    );

    private static UsersFile Load(string path)
    {
        try
        {
            return UsersFile.Load(path);
        }
        catch (FormatException ex)
        {
            throw new CliUsageException(ex.Message, ex);
        }
    }

    private static string CheckedName(string name) =>
        UsersFile.IsValidName(name) ? name : throw new CliUsageException("a name has 1 to 64 letters, digits, '.', '_', '-' or '@'");

    private static Role ParseRole(string role) => role.ToLowerInvariant() switch
    {
        "viewer" => Role.Viewer,
        "operator" => Role.Operator,
        _ => throw new CliUsageException($"--role: '{role}' is not viewer or operator"),
    };
}
