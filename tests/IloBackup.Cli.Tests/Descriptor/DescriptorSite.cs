using System.Security.Cryptography;
using Amazon.S3.Model;
using IloBackup.TestSupport.Postgres;
using IloBackup.TestSupport.S3;

namespace IloBackup.Cli.Tests.Descriptor;

/// <summary>
/// A repository file (<c>site.yaml</c>) in a folder of its own, with its key file made by <c>repo key create</c>:
/// PostgreSQL + S3 (a fresh database and bucket) or SQLite + folder, encrypted or not.
/// </summary>
internal sealed class DescriptorSite
{
    private DescriptorSite(string folder, string file, string? bucket, string? prefix, S3rver? s3)
    {
        Folder = folder;
        File = file;
        Bucket = bucket;
        Prefix = prefix;
        S3 = s3;
    }

    public string Folder { get; }

    /// <summary>The repository file: what <c>--repo</c> names.</summary>
    public string File { get; }

    /// <summary>The PostgreSQL database's name (null for a SQLite catalog).</summary>
    public string? Database { get; private init; }

    public string? Bucket { get; }
    public string? Prefix { get; }
    public S3rver? S3 { get; }
    public string KeyFile => Path.Combine(Folder, "repo.key");
    public string CredentialsFile => Path.Combine(Folder, "s3.credentials");

    public static async Task<DescriptorSite> PostgresS3Async(string parent, S3rver s3, bool encrypted = true, string name = "site")
    {
        var folder = Directory.CreateDirectory(Path.Combine(parent, name)).FullName;
        var database = await PostgresServer.Shared!.CreateDatabaseAsync();
        var settings = await s3.NewBucketAsync("backups/");
        var site = new DescriptorSite(folder, Path.Combine(folder, name + ".yaml"), settings.Bucket, settings.Prefix, s3)
        {
            Database = new Uri(database).AbsolutePath.Trim('/'),
        };
        await System.IO.File.WriteAllTextAsync(site.CredentialsFile, $"[default]\naws_access_key_id = {S3rver.AccessKey}\naws_secret_access_key = {S3rver.SecretKey}\n");
        if (!OperatingSystem.IsWindows())
        {
            System.IO.File.SetUnixFileMode(site.CredentialsFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await site.WriteAsync($"""
            ilobackup-repository: 1
            catalog: {database}
            objects: s3://{settings.Bucket}/backups
            s3-endpoint: {s3.Endpoint}
            s3-region: us-east-1
            s3-path-style: true
            s3-credentials-file: s3.credentials
            {(encrypted ? "encryption-key-file: repo.key" : string.Empty)}
            work-directory: work
            """, encrypted);
        return site;
    }

    public static async Task<DescriptorSite> SqliteFolderAsync(string parent, bool encrypted = true, string name = "local")
    {
        var folder = Directory.CreateDirectory(Path.Combine(parent, name)).FullName;
        var site = new DescriptorSite(folder, Path.Combine(folder, name + ".yaml"), null, null, null);
        await site.WriteAsync($"""
            ilobackup-repository: 1
            catalog: sqlite:catalog/catalog.db
            objects: file:objects
            {(encrypted ? "encryption-key-file: repo.key" : string.Empty)}
            """, encrypted);
        return site;
    }

    /// <summary>Every object of the store with its bytes as stored (ciphertext when encrypted), by key or relative path.</summary>
    public async Task<IReadOnlyDictionary<string, byte[]>> StoredObjectsAsync()
    {
        var found = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (S3 is null)
        {
            var root = Path.Combine(Folder, "objects");
            foreach (var file in Directory.Exists(root) ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories) : [])
            {
                found[Path.GetRelativePath(root, file)] = await System.IO.File.ReadAllBytesAsync(file);
            }

            return found;
        }

        using var client = S3.Client();
        var listing = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, Prefix = Prefix });
        foreach (var o in listing.S3Objects ?? [])
        {
            using var response = await client.GetObjectAsync(Bucket, o.Key);
            using var memory = new MemoryStream();
            await response.ResponseStream.CopyToAsync(memory);
            found[o.Key] = memory.ToArray();
        }

        return found;
    }

    /// <summary>How many rows the PostgreSQL catalog's backups table holds (-1 before the first run made it).</summary>
    public async Task<long> CatalogRowsAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(PostgresServer.Shared!.AdminConnectionString(Database!));
        await connection.OpenAsync();
        await using var exists = new Npgsql.NpgsqlCommand("SELECT to_regclass('backups') IS NOT NULL;", connection);
        if (await exists.ExecuteScalarAsync() is not true)
        {
            return -1;
        }

        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM backups;", connection);
        return Convert.ToInt64(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private async Task WriteAsync(string text, bool encrypted)
    {
        await System.IO.File.WriteAllTextAsync(File, text);
        if (encrypted)
        {
            var (code, _, error) = await CliRun.RunAsync("repo", "key", "create", "--out", KeyFile);
            Xunit.Assert.True(code == 0, error);
        }
    }
}
