using System.Security.Cryptography;
using IloBackup.Engine.Repository;
using IloBackup.Engine.Repository.Encryption;
using IloBackup.Engine.Repository.S3;
using IloBackup.TestSupport.S3;

namespace IloBackup.Engine.Tests.Repository.Stores;

/// <summary>
/// A catalog rebuilt from an encrypted S3 store (keyed object names): an object whose record is lost comes back as
/// "unknown server" with its plaintext's hash and size; one that does not decrypt is counted unreadable, never added.
/// </summary>
public sealed class EncryptedS3RebuildTests(S3rver s3) : IClassFixture<S3rver>, IDisposable
{
    private readonly RepositoryFixture _fx = new();
    private readonly byte[] _secret = RandomNumberGenerator.GetBytes(32);

    public void Dispose() => _fx.Dispose();

    private EncryptedObjectStore Store(S3StoreSettings settings, string directory) =>
        new(new S3ObjectStore(settings, Path.Combine(directory, "tmp")), RepositoryKey.FromBytes(_secret), Path.Combine(directory, "tmp"));

    [S3Fact]
    public async Task An_encrypted_object_without_its_record_comes_back_from_the_bucket_and_garbage_does_not()
    {
        var settings = await s3.NewBucketAsync();
        var options = new BackupRepositoryOptions { TimeProvider = _fx.Time, ObjectStoreFactory = directory => Store(settings, directory) };
        BackupEntry lost;
        var content = RandomNumberGenerator.GetBytes(70_000); // two segments
        await using (var repo = await BackupRepository.OpenAsync(_fx.Directory, options, default))
        {
            lost = await repo.StoreAsync(_fx.Entry("MXQS3"), new MemoryStream(content), default);
            await repo.Store.DeleteRecordAsync(repo.Store.NameOf(lost.Sha256!), lost.RecordId!, default);
            var garbage = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            await ((EncryptedObjectStore)repo.Store).Inner.PutAsync(garbage, new MemoryStream(RandomNumberGenerator.GetBytes(4000)), default);
        }

        File.Delete(Path.Combine(_fx.Directory, BackupRepository.CatalogFileName));
        using (var store = Store(settings, _fx.Directory))
        {
            var report = await CatalogRecovery.RebuildAsync(_fx.Directory, store, force: false, _fx.Time, default);
            Assert.Equal((0, 1, 1), (report.FromRecords, report.UnknownServer, report.UnreadableObjects));
        }

        await using var reopened = await BackupRepository.OpenAsync(_fx.Directory, options, default);
        var entry = Assert.Single(await reopened.HistoryAsync(null, default));
        Assert.Equal((CatalogRecovery.UnknownServer, lost.Sha256, (long?)content.Length), (entry.Host, entry.Sha256, entry.Size));
        var verify = await reopened.VerifyAsync(default);
        Assert.True(verify.IsHealthy);
        Assert.Equal(1, verify.OrphanObjects); // the garbage, left as it is
    }
}
