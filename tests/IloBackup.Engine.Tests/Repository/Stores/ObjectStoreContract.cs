using System.Security.Cryptography;
using System.Text;
using IloBackup.Engine.Repository;

namespace IloBackup.Engine.Tests.Repository.Stores;

/// <summary>
/// What every <see cref="IObjectStore"/> does, run against each store by its own test class (folder, S3). Every
/// round trip compares SHA-256 of what went in with what comes out.
/// </summary>
internal static class ObjectStoreContract
{
    public static (string Sha256, byte[] Bytes) Content(string seed, int size = 200_000)
    {
        var bytes = new byte[size];
        new Random(seed.GetHashCode(StringComparison.Ordinal)).NextBytes(bytes);
        Encoding.UTF8.GetBytes(seed).CopyTo(bytes, 0);
        return (Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes);
    }

    /// <summary>A file staged as the sink stages one (in the repository's <c>tmp/</c>).</summary>
    public static string Stage(string directory, byte[] bytes)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $".{Guid.NewGuid():N}.partial");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public static async Task<string> ReadHashAsync(IObjectStore store, string name)
    {
        await using var stream = await store.OpenReadAsync(name, default) ?? throw new InvalidOperationException($"{name} missing");
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream));
    }

    public static async Task Put_twice_keeps_one_intact_object_and_takes_the_staged_files(IObjectStore store, string staging)
    {
        var (sha, bytes) = Content("twice");
        var first = Stage(staging, bytes);
        var second = Stage(staging, bytes);

        await store.PutFileAsync(store.NameOf(sha), first, default);
        await store.PutFileAsync(store.NameOf(sha), second, default);

        Assert.False(File.Exists(first));
        Assert.False(File.Exists(second));
        Assert.True(await store.ExistsAsync(sha, default));
        Assert.Equal(sha, await ReadHashAsync(store, sha));
        Assert.Equal(sha, await store.RehashAsync(sha, default));
        var listed = await ListAsync(store);
        Assert.Equal([sha], listed.Select(o => o.Name));
        Assert.Equal(bytes.Length, listed[0].Size);
    }

    public static async Task A_stream_put_round_trips(IObjectStore store)
    {
        var (sha, bytes) = Content("stream", 1_500_000);
        await store.PutAsync(sha, new MemoryStream(bytes), default);
        await store.PutAsync(sha, new MemoryStream(bytes), default);
        Assert.Equal(sha, await ReadHashAsync(store, sha));
    }

    public static async Task A_missing_object_is_absent_everywhere(IObjectStore store)
    {
        var (sha, _) = Content("never stored");
        Assert.False(await store.ExistsAsync(sha, default));
        Assert.Null(await store.OpenReadAsync(sha, default));
        Assert.Null(await store.RehashAsync(sha, default));
        Assert.Null(await store.ReadRecordAsync(sha, Guid.NewGuid().ToString("N"), default));
        await store.DeleteAsync(sha, default); // no error
        Assert.Empty(await ListAsync(store));
    }

    public static async Task Rehash_detects_a_damaged_object(IObjectStore store, string staging, Func<string, Task> damage)
    {
        var (sha, bytes) = Content("damaged");
        await store.PutFileAsync(sha, Stage(staging, bytes), default);
        await damage(sha);
        var actual = await store.RehashAsync(sha, default);
        Assert.NotNull(actual);
        Assert.NotEqual(sha, actual);
    }

    public static async Task Delete_removes_the_object_and_keeps_others(IObjectStore store, string staging)
    {
        var (gone, a) = Content("gone");
        var (kept, b) = Content("kept");
        await store.PutFileAsync(gone, Stage(staging, a), default);
        await store.PutFileAsync(kept, Stage(staging, b), default);

        await store.DeleteAsync(gone, default);
        await store.DeleteAsync(gone, default);

        Assert.False(await store.ExistsAsync(gone, default));
        Assert.Equal([kept], (await ListAsync(store)).Select(o => o.Name));
    }

    public static async Task Records_are_listed_read_and_deleted_beside_their_object(IObjectStore store, string staging)
    {
        var (sha, bytes) = Content("recorded");
        var (other, more) = Content("other");
        await store.PutFileAsync(sha, Stage(staging, bytes), default);
        await store.PutFileAsync(other, Stage(staging, more), default);
        var (r1, r2, r3) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        await store.PutRecordAsync(sha, r1, "{\"one\":1}"u8.ToArray(), default);
        await store.PutRecordAsync(sha, r2, "{\"two\":2}"u8.ToArray(), default);
        await store.PutRecordAsync(other, r3, "{\"three\":3}"u8.ToArray(), default);

        Assert.Equal("{\"two\":2}", Encoding.UTF8.GetString((await store.ReadRecordAsync(sha, r2, default))!));
        Assert.Equal(new[] { r1, r2 }.Order(StringComparer.Ordinal), (await RecordsAsync(store, sha)).Select(k => k.RecordId).Order(StringComparer.Ordinal));
        Assert.Equal(3, (await RecordsAsync(store, null)).Count);
        Assert.Equal(2, (await ListAsync(store)).Count); // records are not objects

        await ObjectRecord.DeleteAllAsync(store, sha, default);
        Assert.Empty(await RecordsAsync(store, sha));
        Assert.Equal([new StoredRecordKey(other, r3)], await RecordsAsync(store, null));
    }

    public static async Task Names_that_are_not_hashes_are_refused(IObjectStore store)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => store.ExistsAsync("../../etc/passwd", default));
        await Assert.ThrowsAsync<ArgumentException>(() => store.PutRecordAsync(Content("x").Sha256, "../x", new byte[1], default));
    }

    public static async Task<List<StoredObjectInfo>> ListAsync(IObjectStore store)
    {
        var all = new List<StoredObjectInfo>();
        await foreach (var o in store.ListAsync(default))
        {
            all.Add(o);
        }

        return all;
    }

    public static async Task<List<StoredRecordKey>> RecordsAsync(IObjectStore store, string? name)
    {
        var all = new List<StoredRecordKey>();
        await foreach (var k in store.ListRecordsAsync(name, default))
        {
            all.Add(k);
        }

        return all;
    }
}
