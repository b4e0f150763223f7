using IloBackup.Engine.Repository;

namespace IloBackup.Engine.Tests.Repository;

/// <summary>
/// Issue 11, items 2 and 3, through the library, with only the API that existed before the fix (so they run,
/// and fail, on the old code): prune never keeps a damaged backup in place of an intact one, and a catalog
/// with 16 bytes overwritten is found by verify and refused by a writer.
/// </summary>
public sealed class DamagedStoreTests : IDisposable
{
    private readonly RepositoryFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    [Theory]
    [InlineData("flip a byte")]
    [InlineData("delete")]
    public async Task Prune_keeps_the_intact_older_backup_when_the_newest_file_is_damaged(string damage)
    {
        await using var repo = await _fx.OpenAsync();
        var older = await repo.StoreAsync(_fx.Entry("MXQ1"), RepositoryFixture.Bytes("older, intact"), default);
        _fx.Time.Advance(TimeSpan.FromDays(1));
        var newest = await repo.StoreAsync(_fx.Entry("MXQ1"), RepositoryFixture.Bytes("newest, to be damaged"), default);
        var path = repo.Objects.PathOf(newest.Sha256!);
        if (damage == "delete")
        {
            File.Delete(path);
        }
        else
        {
            var bytes = await File.ReadAllBytesAsync(path);
            bytes[3] ^= 0x01;
            await File.WriteAllBytesAsync(path, bytes);
        }

        _fx.Time.Advance(TimeSpan.FromDays(1));
        await repo.PruneAsync(new PrunePolicy(1, TimeSpan.Zero), dryRun: false, default);

        Assert.Contains(older.Id, (await repo.HistoryAsync("MXQ1", default)).Select(e => e.Id));
        Assert.True(File.Exists(repo.Objects.PathOf(older.Sha256!)));
        Assert.Equal(older.Sha256, await repo.Objects.RehashAsync(older.Sha256!, default));
    }

    [Fact]
    public async Task Sixteen_overwritten_bytes_in_the_catalog_are_found_by_verify_and_refused_by_a_writer()
    {
        await using (var repo = await _fx.OpenAsync())
        {
            for (var i = 0; i < 20; i++)
            {
                await repo.StoreAsync(_fx.Entry($"MXQ{i}", snapshot: $$"""{"n":{{i}},"pad":"{{new string('x', 500)}}"}"""), RepositoryFixture.Bytes($"b{i}"), default);
            }
        }

        OverwriteIndexPageHeader(Path.Combine(_fx.Directory, BackupRepository.CatalogFileName), "ix_backups_host_time");

        await using (var reader = await _fx.OpenAsync(readOnly: true))
        {
            Assert.Equal(20, (await reader.HistoryAsync(null, default)).Count); // the listing never reads that index
            Assert.False((await reader.VerifyAsync(default)).IsHealthy);
        }

        var ex = await Assert.ThrowsAsync<RepositoryException>(() => _fx.OpenAsync());
        Assert.Contains("restore-catalog", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>16 bytes over the b-tree page header of an index's root page: malformed for SQLite's check, unseen by the listing.</summary>
    private static void OverwriteIndexPageHeader(string catalog, string index)
    {
        long pageSize, root;
        using (var sql = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={catalog};Mode=ReadOnly;Pooling=False"))
        {
            sql.Open();
            using var command = sql.CreateCommand();
            command.CommandText = "PRAGMA page_size;";
            pageSize = (long)command.ExecuteScalar()!;
            command.CommandText = $"SELECT rootpage FROM sqlite_master WHERE name = '{index}';";
            root = (long)command.ExecuteScalar()!;
        }

        using var file = new FileStream(catalog, FileMode.Open, FileAccess.Write);
        file.Position = (root - 1) * pageSize;
        file.Write(Enumerable.Repeat((byte)0xA5, 16).ToArray());
    }
}
