using System.Globalization;
using Npgsql;

namespace IloBackup.Engine.Repository.Postgres;

/// <summary>
/// Where a PostgreSQL catalog lives, from a URL <c>postgresql://user@host:port/database?password_file=PATH</c>
/// (or <c>password_env=VARIABLE</c>; also <c>sslmode=</c>). The URL never holds the password: one written in it
/// is refused, so a config file naming the URL holds no secret. The password is read when connecting and never
/// appears in <see cref="ToString"/> or in an error message.
/// </summary>
public sealed record PostgresCatalogAddress
{
    public const int DefaultPort = 5432;

    public required string Host { get; init; }
    public int Port { get; init; } = DefaultPort;
    public required string Database { get; init; }
    public required string Username { get; init; }

    /// <summary>A file whose content (trimmed of a final newline) is the password.</summary>
    public string? PasswordFile { get; init; }

    /// <summary>An environment variable holding the password.</summary>
    public string? PasswordVariable { get; init; }

    /// <summary>Npgsql's SSL mode (disable, prefer, require, verify-ca, verify-full); null: Npgsql's default.</summary>
    public string? SslMode { get; init; }

    public static bool LooksLikeOne(string text) =>
        text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the URL; throws <see cref="FormatException"/> saying what is wrong (never echoing a password).</summary>
    public static PostgresCatalogAddress Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!LooksLikeOne(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new FormatException("a PostgreSQL catalog is named by a URL postgresql://user@host:port/database?password_file=PATH");
        }

        if (uri.UserInfo.Contains(':', StringComparison.Ordinal))
        {
            throw new FormatException(
                "the PostgreSQL URL holds a password: give it with ?password_file=PATH or ?password_env=VARIABLE instead (never in the URL)");
        }

        var user = Uri.UnescapeDataString(uri.UserInfo);
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (user.Length == 0 || uri.Host.Length == 0 || database.Length == 0 || database.Contains('/', StringComparison.Ordinal))
        {
            throw new FormatException($"the PostgreSQL URL {Redacted(uri)} needs a user, a host and a database: postgresql://user@host:port/database");
        }

        string? file = null, variable = null, ssl = null;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            switch (key)
            {
                case "password_file": file = NonEmpty(key, value); break;
                case "password_env": variable = NonEmpty(key, value); break;
                case "sslmode": ssl = NonEmpty(key, value); break;
                case "password":
                    throw new FormatException("the PostgreSQL URL holds a password: use ?password_file=PATH or ?password_env=VARIABLE instead");
                default:
                    throw new FormatException($"the PostgreSQL URL has an unknown option '{key}' (known: password_file, password_env, sslmode)");
            }
        }

        if (file is not null && variable is not null)
        {
            throw new FormatException("the PostgreSQL URL names both password_file and password_env: give one");
        }

        return new PostgresCatalogAddress
        {
            Host = uri.Host.Trim('[', ']'),
            Port = uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port,
            Database = database,
            Username = user,
            PasswordFile = file,
            PasswordVariable = variable,
            SslMode = ssl,
        };
    }

    /// <summary>The connection string, with the password read now from its file or variable (none: a trust or peer login).</summary>
    public string ConnectionString(string? applicationName = null)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = Port,
            Database = Database,
            Username = Username,
            ApplicationName = applicationName ?? "ilobackup",
            PersistSecurityInfo = false,
            IncludeErrorDetail = false,
        };
        if (ReadPassword() is { } password)
        {
            builder.Password = password;
        }

        if (SslMode is not null)
        {
            builder.SslMode = Enum.TryParse<SslMode>(SslMode.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var mode)
                ? mode
                : throw new RepositoryException($"the PostgreSQL catalog {this} has an unknown sslmode '{SslMode}'");
        }

        return builder.ConnectionString;
    }

    /// <summary>The URL as given (it holds no password).</summary>
    public override string ToString()
    {
        var query = new List<string>();
        if (PasswordFile is not null)
        {
            query.Add("password_file=" + Uri.EscapeDataString(PasswordFile).Replace("%2F", "/", StringComparison.Ordinal));
        }

        if (PasswordVariable is not null)
        {
            query.Add("password_env=" + Uri.EscapeDataString(PasswordVariable));
        }

        if (SslMode is not null)
        {
            query.Add("sslmode=" + Uri.EscapeDataString(SslMode));
        }

        var host = Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"postgresql://{Uri.EscapeDataString(Username)}@{host}:{Port}/{Uri.EscapeDataString(Database)}{(query.Count > 0 ? "?" + string.Join('&', query) : string.Empty)}");
    }

    private string? ReadPassword()
    {
        if (PasswordVariable is not null)
        {
            return Environment.GetEnvironmentVariable(PasswordVariable) is { Length: > 0 } value
                ? value
                : throw new RepositoryException($"the password of the PostgreSQL catalog {this} is to come from ${PasswordVariable}, which is not set");
        }

        if (PasswordFile is null)
        {
            return null;
        }

        try
        {
            return File.ReadAllText(PasswordFile).TrimEnd('\r', '\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RepositoryException($"cannot read the password file {PasswordFile} of the PostgreSQL catalog: {e.GetType().Name}", e);
        }
    }

    private static string NonEmpty(string key, string value) =>
        value.Length > 0 ? value : throw new FormatException($"the PostgreSQL URL's option {key} is empty");

    private static string Redacted(Uri uri) => $"{uri.Scheme}://{uri.Host}{uri.AbsolutePath}";
}
