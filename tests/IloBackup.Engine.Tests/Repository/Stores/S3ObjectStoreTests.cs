using IloBackup.TestSupport.S3;
using IloBackup.Engine.Repository;
using IloBackup.Engine.Repository.S3;

namespace IloBackup.Engine.Tests.Repository.Stores;

/// <summary>The store contract on S3 (s3rver); and what the SDK's defaults would do to a non-AWS store.</summary>
public sealed class S3ObjectStoreTests(S3rver s3) : IClassFixture<S3rver>, IDisposable
{
    private readonly string _staging = Directory.CreateTempSubdirectory("s3-staging-").FullName;
    private readonly List<IDisposable> _stores = [];

    private async Task<S3ObjectStore> StoreAsync(bool sdkDefaults = false, string prefix = "repo/")
    {
        var store = new S3ObjectStore(await s3.NewBucketAsync(prefix, sdkDefaults), _staging);
        _stores.Add(store);
        return store;
    }

    [S3Fact]
    public async Task Put_twice() => await ObjectStoreContract.Put_twice_keeps_one_intact_object_and_takes_the_staged_files(await StoreAsync(), _staging);

    [S3Fact]
    public async Task Stream_put() => await ObjectStoreContract.A_stream_put_round_trips(await StoreAsync());

    [S3Fact]
    public async Task Missing() => await ObjectStoreContract.A_missing_object_is_absent_everywhere(await StoreAsync());

    [S3Fact]
    public async Task Rehash_detects_damage()
    {
        var store = await StoreAsync();
        await ObjectStoreContract.Rehash_detects_a_damaged_object(store, _staging, async name =>
        {
            // Behind the store's back, in s3rver's own files: one byte changed, the size kept.
            var key = store.Locate(name)[$"s3://{BucketOf(store)}/".Length..];
            await using var file = new FileStream(s3.FileOf(BucketOf(store), key), FileMode.Open, FileAccess.Write);
            file.Position = 1000;
            file.WriteByte(0x5a);
        });
    }

    [S3Fact]
    public async Task Delete() => await ObjectStoreContract.Delete_removes_the_object_and_keeps_others(await StoreAsync(), _staging);

    [S3Fact]
    public async Task Records() => await ObjectStoreContract.Records_are_listed_read_and_deleted_beside_their_object(await StoreAsync(), _staging);

    [S3Fact]
    public async Task Bad_names() => await ObjectStoreContract.Names_that_are_not_hashes_are_refused(await StoreAsync());

    [S3Fact]
    public async Task Keys_follow_the_folder_layout_under_the_prefix()
    {
        var store = await StoreAsync(prefix: "site-a/ilo/");
        var (sha, bytes) = ObjectStoreContract.Content("layout");
        await store.PutFileAsync(sha, ObjectStoreContract.Stage(_staging, bytes), default);
        var record = Guid.NewGuid().ToString("N");
        await store.PutRecordAsync(sha, record, "{}"u8.ToArray(), default);

        using var client = s3.Client();
        var keys = (await client.ListObjectsV2Async(new Amazon.S3.Model.ListObjectsV2Request { BucketName = BucketOf(store) })).S3Objects.Select(o => o.Key).Order(StringComparer.Ordinal);
        Assert.Equal([$"site-a/ilo/objects/{sha[..2]}/{sha}", $"site-a/ilo/objects/{sha[..2]}/{sha}.{record}.json"], keys);
        Assert.Equal($"s3://{BucketOf(store)}/site-a/ilo/objects/{sha[..2]}/{sha}", store.Locate(sha));
    }

    [S3Fact]
    public async Task With_the_SDKs_defaults_s3rver_keeps_the_chunk_framing_and_the_store_catches_it()
    {
        // The SDK's defaults (a checksum on every request, chunked aws-chunked upload): s3rver answers 200 OK and
        // stores the chunk framing inside the object. The stored size is checked after each upload: refused.
        var defaults = await StoreAsync(sdkDefaults: true);
        var (sha, bytes) = ObjectStoreContract.Content("framed", 300_000);
        var ex = await Assert.ThrowsAsync<RepositoryException>(() => defaults.PutFileAsync(sha, ObjectStoreContract.Stage(_staging, bytes), default));
        Assert.Contains("bytes of 300000 sent", ex.Message, StringComparison.Ordinal);
        Assert.False(await defaults.ExistsAsync(sha, default)); // removed, so nothing records it

        // Had it been kept (here: put behind the store's back the same way), verify's re-hash finds it damaged.
        using (var client = DefaultsClient())
        {
            await client.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest
            {
                BucketName = BucketOf(defaults), Key = defaults.Locate(sha)[$"s3://{BucketOf(defaults)}/".Length..], InputStream = new MemoryStream(bytes),
            });
        }

        var stored = await defaults.RehashAsync(sha, default);
        Assert.NotNull(stored);
        Assert.NotEqual(sha, stored);

        // Our settings round-trip the same bytes intact.
        var ours = await StoreAsync();
        await ours.PutFileAsync(sha, ObjectStoreContract.Stage(_staging, bytes), default);
        Assert.Equal(sha, await ObjectStoreContract.ReadHashAsync(ours, sha));
    }

    [S3Fact]
    public async Task Errors_name_the_key_and_never_the_secret()
    {
        var settings = await s3.NewBucketAsync();
        using var store = new S3ObjectStore(settings with { Bucket = "no-such-bucket-here" }, _staging);
        var (sha, bytes) = ObjectStoreContract.Content("nowhere");
        var ex = await Assert.ThrowsAsync<RepositoryException>(() => store.PutFileAsync(sha, ObjectStoreContract.Stage(_staging, bytes), default));
        Assert.Contains("s3://no-such-bucket-here/repo/objects/", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(S3rver.SecretKey, ex.Message, StringComparison.Ordinal);
        Assert.Equal("access key AKIDEXAMPLE", new S3Credentials("AKIDEXAMPLE", "a-secret-value").ToString());
    }

    public void Dispose()
    {
        _stores.ForEach(s => s.Dispose());
        Directory.Delete(_staging, recursive: true);
    }

    private static string BucketOf(S3ObjectStore store) => store.Description["s3://".Length..].Split('/')[0];

    private Amazon.S3.AmazonS3Client DefaultsClient() => new(
        new Amazon.Runtime.BasicAWSCredentials(S3rver.AccessKey, S3rver.SecretKey),
        new Amazon.S3.AmazonS3Config { ServiceURL = s3.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
}
