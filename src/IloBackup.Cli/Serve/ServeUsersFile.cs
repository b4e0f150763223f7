using System.CommandLine;
using IloBackup.Engine.Repository;

namespace IloBackup.Cli.Serve;

/// <summary><c>--users FILE</c> of <c>serve</c> and <c>serve user</c>: the users file, by default serve/users in the repository.</summary>
internal static class ServeUsersFile
{
    public static string Path(string? users, string? repo) =>
        users ?? System.IO.Path.Combine(RepositoryLocation.LocalFolder(RepositoryLocation.Resolve(repo)), "serve", "users");

    public static Option<string?> Option() => new("--users")
    {
        Description = "The users file (default: serve/users in the repository)", HelpName = "FILE",
    };
}
