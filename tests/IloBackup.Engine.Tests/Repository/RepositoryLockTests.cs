using IloBackup.Engine.Repository;

namespace IloBackup.Engine.Tests.Repository;

/// <summary>Issue 15, items 5 and 6: no repository made by accident; verify takes no lock; a second writer names the holder and can wait.</summary>
public sealed class RepositoryLockTests : IDisposable
{
    private readonly RepositoryFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task A_second_writer_names_the_holder_by_pid_and_since_when()
    {
        await using var first = await _fx.OpenAsync();
        var refused = await Assert.ThrowsAsync<RepositoryException>(() => _fx.OpenAsync());
        Assert.Contains($"pid {Environment.ProcessId}, since 2026-11-01 12:00:00Z", refused.Message, StringComparison.Ordinal);
        Assert.Contains("--wait", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_writer_with_a_wait_takes_the_lock_once_the_first_is_done()
    {
        var first = await _fx.OpenAsync();
        var told = new List<string>();
        var second = BackupRepository.OpenAsync(
            _fx.Directory,
            new BackupRepositoryOptions { TimeProvider = _fx.Time, LockWait = Timeout.InfiniteTimeSpan, OnLockWait = told.Add },
            CancellationToken.None);
        Assert.False(second.IsCompleted);
        Assert.Contains(told, t => t.Contains($"waiting for another ilobackup (pid {Environment.ProcessId}", StringComparison.Ordinal));

        await first.DisposeAsync();
        _fx.Time.Advance(TimeSpan.FromSeconds(1));
        await using var taken = await second.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.False(taken.IsReadOnly);
        Assert.Single(told);
    }

    [Fact]
    public async Task Verify_runs_beside_a_writer_and_sees_what_it_committed()
    {
        await using var writer = await _fx.OpenAsync();
        await writer.StoreAsync(_fx.Entry("MXQ1"), RepositoryFixture.Bytes("one"), default);
        await writer.StoreAsync(_fx.Entry("MXQ2"), RepositoryFixture.Bytes("two"), default);

        var report = await BackupRepository.VerifyDirectoryAsync(_fx.Directory, _fx.Time, default);

        Assert.True(report.IsHealthy, string.Join("; ", report.CatalogProblems));
        Assert.Equal(2, report.ObjectsChecked);
    }

    [Fact]
    public async Task A_writer_that_may_not_create_refuses_a_folder_without_a_repository_and_creates_nothing()
    {
        var typo = Path.Combine(_fx.Directory, "typo");
        var refused = await Assert.ThrowsAsync<RepositoryException>(() => BackupRepository.OpenAsync(
            typo, new BackupRepositoryOptions { CreateIfMissing = false }, CancellationToken.None));
        Assert.Equal($"no repository at {typo} (a fleet backup creates one)", refused.Message);
        Assert.False(Directory.Exists(typo));

        await Assert.ThrowsAsync<RepositoryException>(() => BackupRepository.OpenAsync(
            _fx.Directory, new BackupRepositoryOptions { CreateIfMissing = false }, CancellationToken.None));
        Assert.Empty(Directory.GetFileSystemEntries(_fx.Directory));
    }
}
