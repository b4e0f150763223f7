using System.Globalization;
using IloBackup.Engine.Secrets;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace IloBackup.Engine.Repository.Descriptor;

/// <summary>
/// Reads a repository descriptor (<see cref="RepositoryDescriptor"/>) through YamlDotNet's representation model
/// (line numbers, no reflection). The file starts with <c>ilobackup-repository: 1</c>, so a stray YAML file given
/// as <c>--repo</c> is refused as what it is. Unknown keys, secrets written inline (a password in the URL or a
/// <c>...-password:</c> key) and malformed addresses are errors naming the file and line; a secret is never echoed.
/// </summary>
public static class RepositoryDescriptorReader
{
    public const string FormatKey = "ilobackup-repository";
    public const int FormatVersion = 1;

    private static readonly string[] Keys =
    [
        FormatKey, "catalog", "catalog-password-file", "catalog-password-env", "objects", "s3-endpoint", "s3-region",
        "s3-path-style", "s3-credentials-file", "s3-access-key-env", "s3-secret-key-env",
        "encryption-key-file", "work-directory",
    ];

    private static readonly string[] InlineSecrets = ["catalog-password", "password", "s3-secret-key", "s3-access-key", "encryption-key"];

    public static RepositoryDescriptor Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        path = Path.GetFullPath(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RepositoryException($"repository file {path}: {ex.Message}", ex);
        }

        return Parse(text, path);
    }

    public static RepositoryDescriptor Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        var root = Load(text, path);
        var values = new Dictionary<string, (string Value, int Line)>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var line = (int)keyNode.Start.Line;
            var name = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            if (InlineSecrets.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw Error(path, line, $"'{name}' is refused: a repository file never holds a secret; name a file with '{name}-file: FILE' or a variable with '{name}-env: NAME'");
            }

            if (!Keys.Contains(name, StringComparer.Ordinal))
            {
                throw Error(path, line, $"unknown key '{name}' (expected one of: {string.Join(", ", Keys)})");
            }

            if (valueNode is not YamlScalarNode { Value: { Length: > 0 } value })
            {
                throw Error(path, line, $"'{name}' must be a single value");
            }

            if (!values.TryAdd(name, (value.Trim(), (int)valueNode.Start.Line)))
            {
                throw Error(path, line, $"'{name}' is given twice");
            }
        }

        if (!values.TryGetValue(FormatKey, out var format))
        {
            throw Error(path, 0, $"not an ilobackup repository file (it must start with '{FormatKey}: {FormatVersion}')");
        }

        if (format.Value != FormatVersion.ToString(CultureInfo.InvariantCulture))
        {
            throw Error(path, format.Line, $"format {format.Value} is not known to this ilobackup (it reads {FormatVersion}): upgrade ilobackup");
        }

        var folder = Path.GetDirectoryName(path) ?? ".";
        var catalog = Required(values, "catalog", path);
        var objects = Required(values, "objects", path);
        var catalogUrl = CatalogUrl(catalog, folder, path);
        var objectsUrl = ObjectsUrl(objects, folder, path);
        var postgres = !catalogUrl.StartsWith("sqlite:", StringComparison.Ordinal);
        var s3 = objectsUrl.StartsWith("s3://", StringComparison.Ordinal);
        OnlyWith(values, path, postgres, "a postgresql:// catalog", "catalog-password-file", "catalog-password-env");
        OnlyWith(values, path, s3, "s3:// objects", "s3-endpoint", "s3-region", "s3-path-style", "s3-credentials-file", "s3-access-key-env", "s3-secret-key-env");
        if (values.TryGetValue("s3-credentials-file", out var credentials)
            && (values.TryGetValue("s3-access-key-env", out var both) || values.TryGetValue("s3-secret-key-env", out both)))
        {
            throw Error(path, both.Line, "give either s3-credentials-file or the s3-...-env variables, not both");
        }

        return new RepositoryDescriptor
        {
            SourcePath = path,
            Catalog = catalogUrl,
            CatalogPassword = Secret(values, "catalog-password", folder, path),
            Objects = objectsUrl,
            S3Endpoint = values.TryGetValue("s3-endpoint", out var endpoint) ? Endpoint(endpoint, path) : null,
            S3Region = values.TryGetValue("s3-region", out var region) ? region.Value : null,
            S3PathStyle = !values.TryGetValue("s3-path-style", out var style) || Boolean(style, "s3-path-style", path),
            S3CredentialsFile = values.TryGetValue("s3-credentials-file", out var credentialsFile) ? Path.GetFullPath(credentialsFile.Value, folder) : null,
            S3AccessKeyVariable = values.TryGetValue("s3-access-key-env", out var accessVariable) ? accessVariable.Value : "AWS_ACCESS_KEY_ID",
            S3SecretKeyVariable = values.TryGetValue("s3-secret-key-env", out var secretVariable) ? secretVariable.Value : "AWS_SECRET_ACCESS_KEY",
            EncryptionKeyFile = values.TryGetValue("encryption-key-file", out var key) ? Path.GetFullPath(key.Value, folder) : null,
            WorkDirectory = values.TryGetValue("work-directory", out var work) ? Path.GetFullPath(work.Value, folder) : path + ".work",
        };
    }

    /// <summary>True when <paramref name="path"/> is a file (a descriptor), not a folder repository.</summary>
    public static bool IsDescriptor(string path) => File.Exists(path);

    private static YamlMappingNode Load(string text, string path)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw Error(path, (int)ex.Start.Line, $"not valid YAML: {ex.Message.Split('\n')[0]}");
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            throw Error(path, 0, $"not valid YAML: {ex.Message.Split('\n')[0]}");
        }

        return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root
            ? root
            : throw Error(path, 0, $"not an ilobackup repository file (it must start with '{FormatKey}: {FormatVersion}')");
    }

    private static string CatalogUrl((string Value, int Line) catalog, string folder, string path)
    {
        var value = catalog.Value;
        if (value.StartsWith("sqlite:", StringComparison.Ordinal))
        {
            var file = value["sqlite:".Length..];
            return file.Length == 0
                ? throw Error(path, catalog.Line, "catalog: 'sqlite:' needs the catalog file, e.g. sqlite:catalog.db")
                : "sqlite:" + Path.GetFullPath(file, folder);
        }

        if (!value.StartsWith("postgresql://", StringComparison.Ordinal) && !value.StartsWith("postgres://", StringComparison.Ordinal))
        {
            throw Error(path, catalog.Line, "catalog must be sqlite:FILE or postgresql://USER@HOST[:PORT]/DATABASE");
        }

        try
        {
            return Postgres.PostgresCatalogAddress.Parse(value).ToString();
        }
        catch (FormatException ex)
        {
            // The parser's messages name the rule, never a password written in the URL.
            throw Error(path, catalog.Line, $"catalog: {ex.Message}" + (ex.Message.Contains("password", StringComparison.Ordinal)
                ? "; a repository file never holds a secret: use catalog-password-file or catalog-password-env" : string.Empty));
        }
    }

    private static string ObjectsUrl((string Value, int Line) objects, string folder, string path)
    {
        var value = objects.Value;
        if (value.StartsWith("file:", StringComparison.Ordinal))
        {
            var root = value["file:".Length..];
            return root.Length == 0
                ? throw Error(path, objects.Line, "objects: 'file:' needs a folder, e.g. file:objects")
                : "file:" + Path.GetFullPath(root, folder);
        }

        if (!value.StartsWith("s3://", StringComparison.Ordinal))
        {
            throw Error(path, objects.Line, "objects must be file:FOLDER or s3://BUCKET[/PREFIX]");
        }

        var rest = value["s3://".Length..];
        var bucket = rest.Split('/', 2)[0];
        if (bucket.Length is < 3 or > 63 || !bucket.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.')
            || !char.IsAsciiLetterOrDigit(bucket[0]) || !char.IsAsciiLetterOrDigit(bucket[^1]))
        {
            throw Error(path, objects.Line, $"objects: '{bucket}' is not an S3 bucket name (3-63 of a-z, 0-9, '-', '.')");
        }

        return value.TrimEnd('/');
    }

    private static string Endpoint((string Value, int Line) endpoint, string path) =>
        Uri.TryCreate(endpoint.Value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.UserInfo.Length == 0
            ? endpoint.Value
            : throw Error(path, endpoint.Line, "s3-endpoint must be an http:// or https:// URL without credentials");

    private static bool Boolean((string Value, int Line) value, string name, string path) => value.Value switch
    {
        "true" or "yes" => true,
        "false" or "no" => false,
        _ => throw Error(path, value.Line, $"{name} must be true or false"),
    };

    private static SecretSource? Secret(Dictionary<string, (string Value, int Line)> values, string name, string folder, string path)
    {
        var file = values.TryGetValue(name + "-file", out var f) ? f : default;
        var env = values.TryGetValue(name + "-env", out var e) ? e : default;
        if (file.Value is not null && env.Value is not null)
        {
            throw Error(path, env.Line, $"give either {name}-file or {name}-env, not both");
        }

        return file.Value is not null ? SecretSource.FromFile(Path.GetFullPath(file.Value, folder))
            : env.Value is not null ? SecretSource.FromEnvironment(env.Value)
            : null;
    }

    private static void OnlyWith(Dictionary<string, (string Value, int Line)> values, string path, bool applies, string what, params string[] names)
    {
        foreach (var name in names)
        {
            if (!applies && values.TryGetValue(name, out var value))
            {
                throw Error(path, value.Line, $"'{name}' applies only to {what}");
            }
        }
    }

    private static (string Value, int Line) Required(Dictionary<string, (string Value, int Line)> values, string name, string path) =>
        values.TryGetValue(name, out var value) ? value : throw Error(path, 0, $"'{name}' is missing");

    private static RepositoryException Error(string path, int line, string problem) =>
        new(line > 0 ? $"{path}:{line}: {problem}" : $"{path}: {problem}");
}
