using IloBackup.Engine.Repository;
using IloBackup.Engine.Repository.Postgres;
using IloBackup.TestSupport.Postgres;

namespace IloBackup.Engine.Tests.Fleet.Runners;

/// <summary>
/// Two writers on one machine sharing a repository file share its staging folder: a shared writer opening the repository
/// must not delete the other's download in flight, only what a crash left long ago; an exclusive writer clears it all.
/// </summary>
public sealed class SharedStagingTests : INeedsPostgres, IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "shared-staging-" + Guid.NewGuid().ToString("N"));
    private PostgresCatalogAddress _address = null!;

    public async Task InitializeAsync() =>
        _address = PostgresServer.Shared is null ? null! : PostgresCatalogAddress.Parse(await PostgresServer.Shared.CreateDatabaseAsync());

    public Task DisposeAsync()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return Task.CompletedTask;
    }

    [CatalogFact]
    public async Task A_shared_writer_keeps_another_writers_staged_download_and_removes_only_old_leftovers()
    {
        await using (await OpenAsync("A", shared: true))
        {
        }

        var tmp = Path.Combine(_folder, "tmp");
        var inFlight = Stage(tmp, ".inflight.part", DateTime.UtcNow);
        var inFlightFolder = Path.Combine(tmp, "sink-live");
        var inFolder = Stage(inFlightFolder, "backup.bak", DateTime.UtcNow);
        Directory.SetLastWriteTimeUtc(inFlightFolder, DateTime.UtcNow - TimeSpan.FromDays(3)); // its file is what counts
        var leftover = Stage(tmp, ".crashed.part", DateTime.UtcNow - BackupRepository.SharedStagingAge - TimeSpan.FromHours(1));
        var emptyOld = Path.Combine(tmp, "sink-dead");
        Directory.CreateDirectory(emptyOld);
        Directory.SetLastWriteTimeUtc(emptyOld, DateTime.UtcNow - TimeSpan.FromDays(3));

        await using (await OpenAsync("B", shared: true))
        {
            Assert.True(File.Exists(inFlight));
            Assert.True(File.Exists(inFolder));
            Assert.False(File.Exists(leftover));
            Assert.False(Directory.Exists(emptyOld));
        }

        await using (await OpenAsync("pruner", shared: false))
        {
            Assert.Empty(Directory.EnumerateFileSystemEntries(tmp));
        }
    }

    private static string Stage(string folder, string name, DateTime written)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, "partial download");
        File.SetLastWriteTimeUtc(path, written);
        return path;
    }

    private Task<BackupRepository> OpenAsync(string runner, bool shared) => BackupRepository.OpenAsync(
        _folder,
        new BackupRepositoryOptions
        {
            Runner = runner,
            SharedWriter = shared,
            CatalogFactory = (_, readOnly) => PostgresBackupCatalog.Open(_address, readOnly),
            WriterLockFactory = PostgresWriterLock.Factory(_address, runner),
        },
        default);
}
