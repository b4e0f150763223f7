using System.Text;
using IloBackup.Durability;

namespace IloBackup.Serve.Access;

/// <summary>One user or token line of the users file.</summary>
public sealed record Principal(string Kind, string Name, Role Role, string Secret);

/// <summary>
/// The users file: one line per user (<c>user NAME ROLE pbkdf2-sha256$...</c>) or bearer token (<c>token NAME ROLE
/// sha256$...</c>), <c>#</c> comments. Only hashes are kept; the file is written whole, mode 0600.
/// </summary>
public sealed class UsersFile
{
    private UsersFile(string path, IReadOnlyList<Principal> principals)
    {
        Path = path;
        Principals = principals;
    }

    public string Path { get; }
    public IReadOnlyList<Principal> Principals { get; }

    /// <summary>Reads the file (a missing file has nobody: every page but the login page is then closed).</summary>
    public static UsersFile Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            return new UsersFile(path, []);
        }

        var principals = new List<Principal>();
        var number = 0;
        foreach (var raw in File.ReadAllLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 4 || fields[0] is not ("user" or "token") || !Enum.TryParse<Role>(fields[2], ignoreCase: true, out var role)
                || !Enum.IsDefined(role))
            {
                throw new FormatException($"{path}:{number}: expected 'user|token NAME viewer|operator HASH'");
            }

            principals.Add(new Principal(fields[0], fields[1], role, fields[3]));
        }

        return new UsersFile(path, principals);
    }

    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@');

    /// <summary>Adds or replaces the entry of that kind and name, and writes the file durably with mode 0600.</summary>
    public async Task<UsersFile> WithAsync(Principal principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (!IsValidName(principal.Name))
        {
            throw new FormatException("a name has 1 to 64 letters, digits, '.', '_', '-' or '@'");
        }

        var list = Principals.Where(p => !(p.Kind == principal.Kind && string.Equals(p.Name, principal.Name, StringComparison.Ordinal))).Append(principal).ToList();
        var text = new StringBuilder("# ilobackup serve users: user|token NAME viewer|operator HASH (docs/serve.md)\n");
        foreach (var p in list)
        {
            text.Append(p.Kind).Append(' ').Append(p.Name).Append(' ').Append(p.Role.ToString().ToLowerInvariant()).Append(' ').Append(p.Secret).Append('\n');
        }

        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        Directory.CreateDirectory(directory);
        await DurableFile.WriteAllBytesAsync(Path, Encoding.UTF8.GetBytes(text.ToString()), cancellationToken).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return new UsersFile(Path, list);
    }

    public Principal? FindUser(string name) =>
        Principals.FirstOrDefault(p => p.Kind == "user" && string.Equals(p.Name, name, StringComparison.Ordinal));

    public Principal? FindToken(string token) =>
        Principals.FirstOrDefault(p => p.Kind == "token" && PasswordHash.VerifyToken(token, p.Secret));
}
