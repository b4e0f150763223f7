using IloBackup.Engine.Repository;

namespace IloBackup.Engine.Tests.Repository.Stores;

/// <summary>The store contract on the folder store; and its files are the owner's only (0600).</summary>
public sealed class FolderObjectStoreTests : IDisposable
{
    private readonly RepositoryFixture _fx = new();
    private readonly ObjectStore _store;

    public FolderObjectStoreTests() => _store = new ObjectStore(_fx.Directory);

    private string Staging => _store.TempDirectory;

    [Fact]
    public Task Put_twice() => ObjectStoreContract.Put_twice_keeps_one_intact_object_and_takes_the_staged_files(_store, Staging);

    [Fact]
    public Task Stream_put() => ObjectStoreContract.A_stream_put_round_trips(_store);

    [Fact]
    public Task Missing() => ObjectStoreContract.A_missing_object_is_absent_everywhere(_store);

    [Fact]
    public Task Rehash_detects_damage() => ObjectStoreContract.Rehash_detects_a_damaged_object(
        _store, Staging, async name =>
        {
            await using var file = new FileStream(_store.PathOf(name), FileMode.Open, FileAccess.Write);
            file.Position = 1000;
            file.WriteByte(0x5a);
        });

    [Fact]
    public Task Delete() => ObjectStoreContract.Delete_removes_the_object_and_keeps_others(_store, Staging);

    [Fact]
    public Task Records() => ObjectStoreContract.Records_are_listed_read_and_deleted_beside_their_object(_store, Staging);

    [Fact]
    public Task Bad_names() => ObjectStoreContract.Names_that_are_not_hashes_are_refused(_store);

    [Fact]
    public async Task Keeps_todays_layout_and_lists_the_files_time()
    {
        var (sha, bytes) = ObjectStoreContract.Content("layout");
        var record = Guid.NewGuid().ToString("N");
        await _store.PutFileAsync(sha, ObjectStoreContract.Stage(Staging, bytes), default);
        await _store.PutRecordAsync(sha, record, "{}"u8.ToArray(), default);
        var expected = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        File.SetLastWriteTimeUtc(Path.Combine(_fx.Directory, "objects", sha[..2], sha), expected.UtcDateTime);

        Assert.True(File.Exists(Path.Combine(_fx.Directory, "objects", sha[..2], $"{sha}.{record}.json")));
        Assert.Equal(expected, Assert.Single(await ObjectStoreContract.ListAsync(_store)).LastModified);
    }

    [Fact]
    public async Task Objects_and_records_written_through_a_repository_are_0600()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // no Unix file modes
        }

        await using var repo = await _fx.OpenAsync();
        var entry = await repo.StoreAsync(_fx.Entry("MXQ0600"), RepositoryFixture.Bytes("user database inside"), default);
        await _store.PutAsync(ObjectStoreContract.Content("migrated").Sha256, new MemoryStream(ObjectStoreContract.Content("migrated").Bytes), default);

        var files = _fx.ObjectFiles().Concat(_fx.RecordFiles()).ToList();
        Assert.Equal(3, files.Count); // two objects, one record
        foreach (var file in files)
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(_fx.Directory, "tmp")));
        Assert.Contains(_fx.ObjectFiles(), f => f.EndsWith(entry.Sha256!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_old_0644_object_becomes_0600_when_stored_again()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // no Unix file modes
        }

        var (sha, bytes) = ObjectStoreContract.Content("old");
        var path = _store.PathOf(sha);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, bytes);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await _store.PutFileAsync(sha, ObjectStoreContract.Stage(Staging, bytes), default);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    public void Dispose() => _fx.Dispose();
}
