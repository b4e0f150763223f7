using System.Security.Cryptography;
using System.Text.Json.Nodes;
using IloBackup.Cli.Tests.Repository;
using IloBackup.Engine.Repository;
using IloBackup.TestSupport.Postgres;
using IloBackup.TestSupport.S3;

namespace IloBackup.Cli.Tests.Migrate;

/// <summary>
/// Issue 19's round trip: folder → PostgreSQL catalog + S3 objects (s3rver) + encryption → folder, with the same
/// SHA-256 for every object and the same history (<c>history --json</c> equal as text: every field, the same ids).
/// Skipped, with the reason, when PostgreSQL or s3rver cannot run.
/// </summary>
public sealed class MigratePostgresS3Tests(S3rver s3) : IClassFixture<S3rver>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cli-migrate-pg-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [PostgresAndS3Fact]
    public async Task Folder_to_postgres_s3_encrypted_and_back_is_the_same_repository()
    {
        var a = Path.Combine(_root, "a");
        var c = Path.Combine(_root, "c");
        var rows = await MigrationSeed.SeedAsync(a);
        var shared = await DescriptorAsync();

        var (code, output, err) = await CliRun.RunAsync("repo", "migrate", "--from", a, "--to", shared, "--json");
        Assert.True(code == 0, err);
        Assert.Equal(rows.Count, (int)JsonNode.Parse(output)!["rowsCopied"]!);
        (code, output, err) = await CliRun.RunAsync("repo", "migrate", "--from", shared, "--to", c, "--json");
        Assert.True(code == 0, err);
        Assert.Equal(2, (int)JsonNode.Parse(output)!["objectsCopied"]!);

        var history = await HistoryAsync(a);
        Assert.Equal(history, await HistoryAsync(shared));
        Assert.Equal(history, await HistoryAsync(c));
        foreach (var sha in rows.Where(r => r.IsGood).Select(r => r.Sha256!).Distinct())
        {
            var back = await File.ReadAllBytesAsync(new ObjectStore(c).PathOf(sha));
            Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(back)));
            Assert.Equal(await File.ReadAllBytesAsync(new ObjectStore(a).PathOf(sha)), back);
        }

        // The bucket holds ciphertext only: no stored file hashes to a backup's SHA-256.
        var inBucket = MigrationSeed.Tree(s3.Directory).Values.ToHashSet();
        Assert.DoesNotContain(inBucket, v => rows.Any(r => r.Sha256 == v));
        (code, _, err) = await CliRun.RunAsync("verify", "--repo", shared);
        Assert.True(code == 0, err);

        // PostgreSQL's id sequence was moved past the imported ids: the next backup there gets a new one.
        await using var repository = await BackupRepository.OpenAsync(shared, null, default);
        var next = await repository.StoreAsync(MigrationSeed.Entry("MXQN", 9, "{}"), new MemoryStream("new"u8.ToArray()), default);
        Assert.True(next.Id > rows.Max(r => r.Id));
    }

    private async Task<string> DescriptorAsync()
    {
        var folder = Path.Combine(_root, "shared");
        Directory.CreateDirectory(folder);
        var server = PostgresServer.Shared!;
        var database = await server.CreateDatabaseAsync();
        var bucket = await s3.NewBucketAsync();
        var credentials = Path.Combine(folder, "s3.ini");
        await File.WriteAllTextAsync(credentials, $"[default]\naws_access_key_id = {S3rver.AccessKey}\naws_secret_access_key = {S3rver.SecretKey}\n");
        var key = Path.Combine(folder, "repo.key");
        var (code, _, err) = await CliRun.RunAsync("repo", "key", "create", "--out", key);
        Assert.True(code == 0, err);
        var file = Path.Combine(folder, "shared.yaml");
        await File.WriteAllTextAsync(
            file,
            $"ilobackup-repository: 1\ncatalog: {database}\nobjects: s3://{bucket.Bucket}/repo\ns3-endpoint: {s3.Endpoint}\n"
            + $"s3-credentials-file: {credentials}\nencryption-key-file: {key}\n");
        return file;
    }

    private static async Task<string> HistoryAsync(string repo)
    {
        var (code, output, err) = await CliRun.RunAsync("history", "--repo", repo, "--json");
        Assert.True(code == 0, err);
        return output;
    }
}
