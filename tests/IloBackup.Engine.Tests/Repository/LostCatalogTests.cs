using IloBackup.Engine.Repository;

namespace IloBackup.Engine.Tests.Repository;

/// <summary>
/// Issue 11, item 1, through the library: with backup files present and catalog.db missing, emptied to 0 bytes
/// or without tables, opening the repository (writer or reader) refuses, names the ways out and deletes nothing.
/// Uses only the API that existed before the fix, so it runs (and fails) on the old code too.
/// </summary>
public sealed class LostCatalogTests : IDisposable
{
    private readonly RepositoryFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    [Theory]
    [InlineData("delete")]
    [InlineData("truncate")]
    [InlineData("no tables")]
    public async Task A_lost_catalog_is_refused_and_no_backup_file_is_deleted(string damage)
    {
        await using (var repo = await _fx.OpenAsync())
        {
            for (var i = 0; i < 4; i++)
            {
                await repo.StoreAsync(_fx.Entry($"MXQ{i}"), RepositoryFixture.Bytes($"backup {i}"), default);
            }
        }

        var files = _fx.ObjectFiles();
        Assert.Equal(4, files.Length);
        var catalog = Path.Combine(_fx.Directory, BackupRepository.CatalogFileName);
        switch (damage)
        {
            case "delete":
                File.Delete(catalog);
                break;
            case "truncate":
                await File.WriteAllBytesAsync(catalog, []);
                break;
            default:
                File.Delete(catalog);
                await using (var empty = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={catalog};Pooling=False"))
                {
                    empty.Open();
                    using var command = empty.CreateCommand();
                    command.CommandText = "CREATE TABLE t (x); DROP TABLE t;"; // a valid database file without a table
                    command.ExecuteNonQuery();
                }

                break;
        }

        foreach (var readOnly in new[] { false, true })
        {
            var ex = await Assert.ThrowsAsync<RepositoryException>(() => _fx.OpenAsync(readOnly));
            Assert.Contains("ilobackup repo rebuild-catalog", ex.Message, StringComparison.Ordinal);
            Assert.Contains("ilobackup repo restore-catalog", ex.Message, StringComparison.Ordinal);
            Assert.Contains("nothing was changed", ex.Message, StringComparison.Ordinal);
            Assert.Equal(files, _fx.ObjectFiles());
        }
    }

    [Fact]
    public async Task A_new_repository_without_files_is_still_created()
    {
        await using (var repo = await _fx.OpenAsync())
        {
            Assert.Empty(await repo.HistoryAsync(null, default));
        }

        File.Delete(Path.Combine(_fx.Directory, BackupRepository.CatalogFileName));
        await using var again = await _fx.OpenAsync();
        var entry = await again.StoreAsync(_fx.Entry("MXQ1"), RepositoryFixture.Bytes("first"), default);
        Assert.Equal(entry.Id, Assert.Single(await again.HistoryAsync(null, default)).Id);
    }
}
