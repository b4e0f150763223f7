using IloBackup.TestSupport.S3;
using System.Security.Cryptography;
using IloBackup.Emulator.BackupRestore;
using IloBackup.Engine.Fleet;
using IloBackup.Engine.Inventory;
using IloBackup.Engine.Repository;
using IloBackup.Engine.Repository.S3;
using IloBackup.Redfish.Credentials;
using IloBackup.Redfish.Tls;
using IloBackup.TestSupport.Emulation;

namespace IloBackup.Engine.Tests.Repository.Stores;

/// <summary>
/// A repository whose objects are in S3 (s3rver) and whose catalog is SQLite: a fleet backup through the real client,
/// verify, restore's choice, prune of orphans past their grace (S3's LastModified), catalog rebuild from S3's records.
/// </summary>
public sealed class S3RepositoryTests(S3rver s3) : IClassFixture<S3rver>, IDisposable
{
    private readonly RepositoryFixture _fx = new();

    private async Task<(BackupRepository Repository, S3StoreSettings Settings)> OpenAsync()
    {
        var settings = await s3.NewBucketAsync();
        var repository = await BackupRepository.OpenAsync(_fx.Directory, Options(settings), default);
        return (repository, settings);
    }

    private BackupRepositoryOptions Options(S3StoreSettings settings) =>
        new() { TimeProvider = _fx.Time, ObjectStoreFactory = directory => new S3ObjectStore(settings, Path.Combine(directory, "tmp")) };

    [S3Fact]
    public async Task A_fleet_backup_stores_its_files_in_S3_byte_for_byte()
    {
        await using var fleet = await TestIlo.StartKestrelAsync(null, o => o with { Count = 3, BackupRestore = o.BackupRestore with { BackupPaddingBytes = 300_000 } });
        var (repo, settings) = await OpenAsync();
        await using (repo)
        {
            var inventory = InventoryLoader.Parse(string.Join('\n', fleet.Ilos.Select(i => i.BaseUrl.ToString())), "hosts.txt", InventoryFormat.HostList, null);
            var connector = new RedfishIloConnector(new RedfishIloConnectorOptions
            {
                Tls = TlsPolicy.DangerousAcceptAnyCertificate(),
                DefaultCredential = new RedfishCredential(TestIlo.AdminUser, TestIlo.AdminPassword),
            });

            var report = await new FleetBackupJob(repo, connector, new FleetRunner(new FleetRunnerOptions { Concurrency = 3 }), new FleetBackupOptions())
                .RunAsync(inventory.Hosts, null, default);

            Assert.Equal(0, report.ExitCode);
            Assert.Empty(_fx.ObjectFiles()); // nothing in the folder: the objects are in the bucket
            Assert.Empty(_fx.TempFiles());
            foreach (var ilo in fleet.Ilos)
            {
                var entry = (await repo.FindNewestGoodAsync(ilo.Identity.ServerSerial, null, default))!;
                var onIlo = new List<string>();
                foreach (var file in BackupRestoreFeature.Of(ilo).BackupFiles)
                {
                    await using var stream = BackupRestoreFeature.Of(ilo).OpenBackup(file.Name)!;
                    onIlo.Add(Convert.ToHexStringLower(await SHA256.HashDataAsync(stream)));
                }

                Assert.Contains(entry.Sha256!, onIlo); // the catalog's hash is the iLO's file's
                await using (var back = await repo.OpenBackupAsync(entry, default))
                {
                    Assert.Equal(entry.Sha256, Convert.ToHexStringLower(await SHA256.HashDataAsync(back)));
                }

                var raw = s3.FileOf(settings.Bucket, $"repo/objects/{entry.Sha256![..2]}/{entry.Sha256}");
                Assert.Equal(entry.Sha256, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(raw)))); // as s3rver keeps it
                Assert.Single(await ObjectStoreContract.RecordsAsync(repo.Store, entry.Sha256));
            }

            var verify = await repo.VerifyAsync(default);
            Assert.True(verify.IsHealthy);
            Assert.Equal(3, verify.ObjectsChecked);
        }
    }

    [S3Fact]
    public async Task Verify_and_restore_find_an_object_damaged_in_the_bucket()
    {
        var (repo, settings) = await OpenAsync();
        await using (repo)
        {
            var older = await repo.StoreAsync(_fx.Entry("MXQS3"), RepositoryFixture.Bytes("older backup of MXQS3"), default);
            _fx.Time.Advance(TimeSpan.FromHours(1));
            var newest = await repo.StoreAsync(_fx.Entry("MXQS3", snapshot: """{"a":2}"""), RepositoryFixture.Bytes("newest backup of MXQS3"), default);
            var raw = s3.FileOf(settings.Bucket, $"repo/objects/{newest.Sha256![..2]}/{newest.Sha256}");
            await File.WriteAllTextAsync(raw, "newest backup 0f MXQS3"); // same size, one byte changed

            var verify = await repo.VerifyAsync(default);
            Assert.Equal([newest.Sha256], verify.Corrupt.Select(p => p.Sha256));

            var choice = await RepositoryRestoreSource.ChooseAsync(repo, "MXQS3", null, null, default);
            Assert.Equal(older.Id, choice.Entry.Id);
            var source = new RepositoryRestoreSource(repo, null, null);
            var file = await source.DescribeAsync(older.Identity, default);
            Assert.Equal(older.Sha256, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file.FilePath)))); // a private local copy
        }
    }

    [S3Fact]
    public async Task Prune_orphans_keeps_its_grace_period_on_S3()
    {
        var (repo, settings) = await OpenAsync();
        await using (repo)
        {
            var kept = await repo.StoreAsync(_fx.Entry("MXQKEEP"), RepositoryFixture.Bytes("referenced"), default);
            var (orphan, bytes) = ObjectStoreContract.Content("uploaded by another runner, row not committed yet");
            await repo.Store.PutAsync(orphan, new MemoryStream(bytes), default);
            var uploaded = (await ObjectStoreContract.ListAsync(repo.Store)).Single(o => o.Name == orphan).LastModified;
            var policy = new PrunePolicy(null, null) { RemoveOrphans = true, OrphanGrace = TimeSpan.FromDays(7) };

            _fx.Time.SetUtcNow(uploaded + TimeSpan.FromDays(6));
            var young = await repo.PruneAsync(policy, dryRun: false, default);
            Assert.Equal(1, young.OrphansSpared);
            Assert.Empty(young.OrphansRemoved);
            Assert.True(await repo.Store.ExistsAsync(orphan, default));

            _fx.Time.SetUtcNow(uploaded + TimeSpan.FromDays(8));
            var old = await repo.PruneAsync(policy, dryRun: false, default);
            Assert.Equal([orphan], old.OrphansRemoved.Select(o => o.Sha256));
            Assert.False(await repo.Store.ExistsAsync(orphan, default));
            Assert.True(await repo.Store.ExistsAsync(kept.Sha256!, default));
        }
    }

    [S3Fact]
    public async Task The_catalog_is_rebuilt_from_the_records_in_the_bucket()
    {
        var (repo, settings) = await OpenAsync();
        BackupEntry stored;
        await using (repo)
        {
            stored = await repo.StoreAsync(_fx.Entry("MXQREB"), RepositoryFixture.Bytes("recorded in S3"), default);
        }

        File.Delete(Path.Combine(_fx.Directory, BackupRepository.CatalogFileName));
        await Assert.ThrowsAsync<RepositoryException>(() => BackupRepository.OpenAsync(_fx.Directory, Options(settings), default)); // lost catalog beside S3 objects
        using (var store = new S3ObjectStore(settings, Path.Combine(_fx.Directory, "tmp")))
        {
            var report = await CatalogRecovery.RebuildAsync(_fx.Directory, store, force: false, _fx.Time, default);
            Assert.Equal(1, report.FromRecords);
        }

        await using var reopened = await BackupRepository.OpenAsync(_fx.Directory, Options(settings), default);
        var entry = Assert.Single(await reopened.HistoryAsync("MXQREB", default));
        Assert.Equal((stored.Sha256, stored.FileName), (entry.Sha256, entry.FileName));
    }

    public void Dispose() => _fx.Dispose();
}
