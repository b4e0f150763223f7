namespace IloBackup.Engine.Repository.S3;

/// <summary>
/// An access key and its secret, read from the environment (<c>AWS_ACCESS_KEY_ID</c>, <c>AWS_SECRET_ACCESS_KEY</c>)
/// or from a credentials file (<c>aws_access_key_id = ...</c> and <c>aws_secret_access_key = ...</c> lines, as the
/// AWS tools write them; the <c>[default]</c> profile or the first). <see cref="ToString"/> never shows the secret.
/// </summary>
public sealed class S3Credentials
{
    public S3Credentials(string accessKeyId, string secretAccessKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessKeyId);
        ArgumentException.ThrowIfNullOrEmpty(secretAccessKey);
        AccessKeyId = accessKeyId;
        SecretAccessKey = secretAccessKey;
    }

    public string AccessKeyId { get; }
    internal string SecretAccessKey { get; }

    public static S3Credentials FromEnvironment()
    {
        var id = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID");
        var secret = Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY");
        return string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret)
            ? throw new RepositoryException("S3 credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set")
            : new S3Credentials(id, secret);
    }

    public static S3Credentials FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new RepositoryException($"S3 credentials: no file {path}");
        }

        var profiles = new List<(string Name, Dictionary<string, string> Values)> { (string.Empty, new(StringComparer.Ordinal)) };
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                profiles.Add((line[1..^1].Trim(), new(StringComparer.Ordinal)));
            }
            else if (equals > 0)
            {
                profiles[^1].Values[line[..equals].Trim().ToLowerInvariant()] = line[(equals + 1)..].Trim();
            }
        }

        var chosen = profiles.FirstOrDefault(p => p.Name == "default" && p.Values.Count > 0).Values
            ?? profiles.First(p => p.Values.Count > 0 || p == profiles[^1]).Values;
        var id = chosen.GetValueOrDefault("aws_access_key_id");
        var secret = chosen.GetValueOrDefault("aws_secret_access_key");
        return string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret)
            ? throw new RepositoryException($"S3 credentials: {path} has no aws_access_key_id and aws_secret_access_key")
            : new S3Credentials(id, secret);
    }

    public override string ToString() => $"access key {AccessKeyId}";
}
