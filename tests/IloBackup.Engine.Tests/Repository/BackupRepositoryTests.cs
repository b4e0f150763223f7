using IloBackup.Engine.Identity;
using System.Security.Cryptography;
using System.Text;
using IloBackup.Engine.Repository;
using Microsoft.Data.Sqlite;

namespace IloBackup.Engine.Tests.Repository;

public sealed class BackupRepositoryTests : IDisposable
{
    private readonly RepositoryFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task Identical_files_are_stored_once_under_their_hash()
    {
        await using var repo = await _fx.OpenAsync();
        var first = await repo.StoreAsync(_fx.Entry("MXQ1"), RepositoryFixture.Bytes("same bytes"), CancellationToken.None);
        _fx.Time.Advance(TimeSpan.FromHours(1));
        var second = await repo.StoreAsync(_fx.Entry("MXQ1"), RepositoryFixture.Bytes("same bytes"), CancellationToken.None);

        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("same bytes")));
        Assert.Equal(expected, first.Sha256);
        Assert.Equal(expected, second.Sha256);
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(10, second.Size);
        var file = Assert.Single(_fx.ObjectFiles());
        Assert.Equal(Path.Combine(_fx.Directory, "objects", expected[..2], expected), file);
        Assert.Empty(_fx.TempFiles());
    }

    [Fact]
    public async Task Snapshot_unchanged_is_worked_out_against_the_previous_good_backup_ignoring_formatting()
    {
        await using var repo = await _fx.OpenAsync();
        var first = await repo.StoreAsync(_fx.Entry("MXQ1", """{"a":1,"b":[1,2]}"""), RepositoryFixture.Bytes("v1"), default);
        _fx.Time.Advance(TimeSpan.FromDays(1));
        var same = await repo.StoreAsync(_fx.Entry("MXQ1", "{ \"b\": [1, 2],\n \"a\": 1 }"), RepositoryFixture.Bytes("v2"), default);
        _fx.Time.Advance(TimeSpan.FromDays(1));
        var changed = await repo.StoreAsync(_fx.Entry("MXQ1", """{"a":2,"b":[1,2]}"""), RepositoryFixture.Bytes("v3"), default);

        Assert.Null(first.SnapshotUnchanged);
        Assert.True(same.SnapshotUnchanged);
        Assert.False(changed.SnapshotUnchanged);
        Assert.True((await repo.GetAsync(same.Id, default))!.SnapshotUnchanged);
    }

    [Fact]
    public async Task History_is_per_serial_newest_first_and_records_failures_with_their_reason()
    {
        await using var repo = await _fx.OpenAsync();
        var old = await repo.StoreAsync(_fx.Entry("MXQ1"), RepositoryFixture.Bytes("1"), default);
        _fx.Time.Advance(TimeSpan.FromDays(1));
        await repo.StoreAsync(_fx.Entry("MXQ2"), RepositoryFixture.Bytes("2"), default);
        var mid = await repo.StoreAsync(_fx.Entry("MXQ1", firmware: "3.01"), RepositoryFixture.Bytes("3"), default);
        _fx.Time.Advance(TimeSpan.FromDays(1));
        var failed = await repo.AddFailureAsync(
            new NewBackupEntry
            {
                Host = "https://mxq1.lab/", Identity = IloIdentity.OfSerial("MXQ1"), Outcome = BackupOutcome.Failed,
                TakenAt = _fx.Time.GetUtcNow(), FailureReason = "unreachable: connection refused",
            },
            default);

        var history = await repo.HistoryAsync("mxq1", default);
        Assert.Equal([failed.Id, mid.Id, old.Id], history.Select(e => e.Id));
        Assert.Equal("unreachable: connection refused", history[0].FailureReason);
        Assert.Null(history[0].Sha256);
        Assert.Equal("3.01", history[1].Identity.FirmwareVersion);
        Assert.Equal("iLO 5", history[1].Identity.IloGeneration);
        Assert.Equal("867959-B21", history[1].Identity.ProductId);
        Assert.Equal(4, (await repo.HistoryAsync(null, default)).Count);

        Assert.Equal(mid.Id, (await repo.FindNewestGoodAsync("MXQ1", null, default))!.Id);
        Assert.Equal(old.Id, (await repo.FindNewestGoodAsync("MXQ1", old.TakenAt.AddHours(1), default))!.Id);
        Assert.Null(await repo.FindNewestGoodAsync("MXQ1", old.TakenAt.AddHours(-1), default));
        Assert.Null(await repo.FindNewestGoodAsync("NOPE", null, default));
    }

    [Fact]
    public async Task A_file_that_does_not_match_its_expected_hash_is_not_stored()
    {
        await using var repo = await _fx.OpenAsync();
        var entry = _fx.Entry("MXQ1") with { Sha256 = new string('0', 64) };
        await Assert.ThrowsAsync<RepositoryException>(() => repo.StoreAsync(entry, RepositoryFixture.Bytes("x"), default));

        Assert.Empty(_fx.ObjectFiles());
        Assert.Empty(_fx.TempFiles());
        Assert.Empty(await repo.HistoryAsync(null, default));
    }

    [Fact]
    public async Task An_object_can_be_read_back()
    {
        await using var repo = await _fx.OpenAsync();
        var entry = await repo.StoreAsync(_fx.Entry("MXQ1"), RepositoryFixture.Bytes("payload"), default);
        await using var stream = repo.OpenBackup(entry);
        using var reader = new StreamReader(stream);
        Assert.Equal("payload", await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task Only_one_writer_at_a_time_but_readers_are_welcome()
    {
        await using var writer = await _fx.OpenAsync();
        await writer.StoreAsync(_fx.Entry("MXQ1"), RepositoryFixture.Bytes("1"), default);

        var ex = await Assert.ThrowsAsync<RepositoryException>(() => _fx.OpenAsync());
        Assert.Contains("another ilobackup", ex.Message, StringComparison.Ordinal);
        await using var reader = await _fx.OpenAsync(readOnly: true);
        Assert.Single(await reader.HistoryAsync(null, default));
        await Assert.ThrowsAsync<InvalidOperationException>(
            () => reader.StoreAsync(_fx.Entry("MXQ2"), RepositoryFixture.Bytes("2"), default));
    }

    [Fact]
    public async Task Reading_a_missing_repository_is_a_clear_error()
    {
        var missing = Path.Combine(_fx.Directory, "nothing-here");
        var ex = await Assert.ThrowsAsync<RepositoryException>(
            () => BackupRepository.OpenAsync(missing, new BackupRepositoryOptions { ReadOnly = true }, default));
        Assert.Contains("no repository", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public async Task Schema_is_versioned_and_a_newer_one_is_refused()
    {
        await (await _fx.OpenAsync()).DisposeAsync();
        var path = Path.Combine(_fx.Directory, BackupRepository.CatalogFileName);
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version;";
            Assert.Equal(5L, command.ExecuteScalar());
            command.CommandText = "PRAGMA user_version = 99;";
            command.ExecuteNonQuery();
        }

        var ex = await Assert.ThrowsAsync<RepositoryException>(() => _fx.OpenAsync());
        Assert.Contains("newer", ex.Message, StringComparison.Ordinal);
    }
}
