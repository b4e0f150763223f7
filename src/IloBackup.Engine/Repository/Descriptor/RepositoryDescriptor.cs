using IloBackup.Engine.Secrets;

namespace IloBackup.Engine.Repository.Descriptor;

/// <summary>
/// A repository named by a small YAML file instead of a folder (issue 19): which catalog (<c>sqlite:PATH</c> or
/// <c>postgresql://user@host:port/db</c>), which object store (<c>file:PATH</c> or <c>s3://bucket/prefix</c>), the
/// optional encryption key file, and a local work folder (staging of downloads, serve's run records). Secrets are
/// never in the file: only where to read them (<c>...-file</c>, <c>...-env</c>). Relative paths are relative to
/// the file's folder. Read by <see cref="RepositoryDescriptorReader"/>.
/// </summary>
public sealed record RepositoryDescriptor
{
    /// <summary>The descriptor file (absolute).</summary>
    public required string SourcePath { get; init; }

    /// <summary><c>sqlite:/absolute/path/catalog.db</c> or a <c>postgresql://</c> URL without a password.</summary>
    public required string Catalog { get; init; }

    /// <summary>The catalog's password (PostgreSQL only); null for none.</summary>
    public SecretSource? CatalogPassword { get; init; }

    /// <summary><c>file:/absolute/folder</c> or <c>s3://bucket/prefix</c>.</summary>
    public required string Objects { get; init; }

    public string? S3Endpoint { get; init; }
    public string? S3Region { get; init; }

    /// <summary>Path-style addressing (<c>endpoint/bucket/key</c>), what most non-AWS stores need; the default.</summary>
    public bool S3PathStyle { get; init; } = true;

    /// <summary>An AWS-style credentials file (<c>aws_access_key_id</c>, <c>aws_secret_access_key</c>); null: the variables below.</summary>
    public string? S3CredentialsFile { get; init; }

    /// <summary>The variables holding the S3 keys when no credentials file is named.</summary>
    public string S3AccessKeyVariable { get; init; } = "AWS_ACCESS_KEY_ID";

    public string S3SecretKeyVariable { get; init; } = "AWS_SECRET_ACCESS_KEY";

    /// <summary>The repository key (0600); null for objects stored as they are.</summary>
    public string? EncryptionKeyFile { get; init; }

    /// <summary>The local folder for staging and run records (absolute); default: <c>&lt;file&gt;.work</c> beside the file.</summary>
    public required string WorkDirectory { get; init; }

    public bool IsPostgres => Catalog.StartsWith("postgresql://", StringComparison.Ordinal) || Catalog.StartsWith("postgres://", StringComparison.Ordinal);
    public bool IsS3 => Objects.StartsWith("s3://", StringComparison.Ordinal);

    /// <summary>The SQLite catalog file, for <c>sqlite:</c>.</summary>
    public string? SqlitePath => Catalog.StartsWith("sqlite:", StringComparison.Ordinal) ? Catalog["sqlite:".Length..] : null;

    /// <summary>The objects' folder, for <c>file:</c>.</summary>
    public string? FileRoot => Objects.StartsWith("file:", StringComparison.Ordinal) ? Objects["file:".Length..] : null;

    /// <summary>What to show a user: the kinds and places, never a secret.</summary>
    public string Describe() =>
        $"{SourcePath} (catalog {Catalog}, objects {Objects}{(EncryptionKeyFile is null ? string.Empty : ", encrypted")})";
}
