namespace IloBackup.Engine.Repository.S3;

/// <summary>
/// Where an S3 object store is: <c>s3://bucket/prefix</c>, an endpoint (null: AWS itself), a region, path-style
/// addressing (what most non-AWS stores need), and the credentials (<see cref="S3Credentials"/>, never printed).
/// </summary>
public sealed record S3StoreSettings
{
    public required string Bucket { get; init; }

    /// <summary>The key prefix, empty or ending in '/'.</summary>
    public string Prefix { get; init; } = string.Empty;

    public Uri? Endpoint { get; init; }
    public string Region { get; init; } = "us-east-1";
    public bool PathStyle { get; init; } = true;
    public required S3Credentials Credentials { get; init; }

    /// <summary>Test knob: leave the SDK's defaults (checksums always, chunked upload) to show what they do to a non-AWS store.</summary>
    internal bool SdkDefaults { get; init; }

    /// <summary><c>s3://bucket/prefix</c> for messages.</summary>
    public string Uri => $"s3://{Bucket}/{Prefix}";

    /// <summary>Reads <c>s3://bucket[/prefix]</c>; throws <see cref="FormatException"/> when it is not one.</summary>
    public static (string Bucket, string Prefix) ParseUri(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        const string scheme = "s3://";
        if (!uri.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || uri.Length == scheme.Length)
        {
            throw new FormatException($"'{uri}' is not an S3 location (s3://bucket/prefix)");
        }

        var rest = uri[scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var prefix = slash < 0 ? string.Empty : rest[(slash + 1)..].Trim('/');
        if (bucket.Length is < 3 or > 63 || !bucket.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.'))
        {
            throw new FormatException($"'{bucket}' is not an S3 bucket name (3 to 63 of a-z, 0-9, '-', '.')");
        }

        if (prefix.Split('/').Any(p => p is "." or ".." || p.Length == 0) && prefix.Length > 0)
        {
            throw new FormatException($"'{prefix}' is not an S3 key prefix");
        }

        return (bucket, prefix.Length == 0 ? string.Empty : prefix + "/");
    }
}
