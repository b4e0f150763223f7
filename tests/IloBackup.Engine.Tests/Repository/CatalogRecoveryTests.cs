using IloBackup.Engine.Repository;
using Microsoft.Data.Sqlite;

namespace IloBackup.Engine.Tests.Repository;

/// <summary>The object records, the catalog copy, and the two ways out (rebuild-catalog, restore-catalog), through the library.</summary>
public sealed class CatalogRecoveryTests : IDisposable
{
    private readonly RepositoryFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    private string Catalog => Path.Combine(_fx.Directory, BackupRepository.CatalogFileName);

    [Fact]
    public async Task Every_object_gets_a_record_before_its_row_and_a_rebuild_brings_every_row_back()
    {
        BackupEntry[] original;
        await using (var repo = await _fx.OpenAsync())
        {
            var a1 = await repo.StoreAsync(_fx.Entry("MXQA", """{"x":1}"""), RepositoryFixture.Bytes("a1"), default);
            _fx.Time.Advance(TimeSpan.FromHours(1));
            var a2 = await repo.StoreAsync(_fx.Entry("MXQA", """{"x":1}""", firmware: "2.80"), RepositoryFixture.Bytes("a2"), default);
            var b1 = await repo.StoreAsync(_fx.Entry("MXQB") with { PasswordProtected = true }, RepositoryFixture.Bytes("a1"), default); // same file as a1
            original = [a1, a2, b1];
            Assert.All(original, e => Assert.True(File.Exists(ObjectRecord.PathOf(repo.Objects, e.Sha256!, e.RecordId!))));
        }

        Assert.Equal(3, _fx.RecordFiles().Length);
        Assert.Equal(2, _fx.ObjectFiles().Length);
        File.Delete(Catalog);

        var report = await CatalogRecovery.RebuildAsync(_fx.Directory, force: false, _fx.Time, default);

        Assert.Equal((3, 0, null), (report.FromRecords, report.UnknownServer, report.MovedAside));
        await using var rebuilt = await _fx.OpenAsync(readOnly: true);
        var rows = (await rebuilt.HistoryAsync(null, default)).OrderBy(e => e.TakenAt).ThenBy(e => e.Identity.SerialNumber, StringComparer.Ordinal).ToList();
        Assert.Equal(
            original.Select(e => (e.Identity.SerialNumber, e.Host, e.TakenAt, e.Identity.FirmwareVersion, e.Identity.ProductName, e.Identity.ProductId, e.Identity.IloGeneration, e.FileName, e.Sha256, e.Size, e.PasswordProtected, e.Snapshot, e.RecordId)),
            rows.Select(e => (e.Identity.SerialNumber, e.Host, e.TakenAt, e.Identity.FirmwareVersion, e.Identity.ProductName, e.Identity.ProductId, e.Identity.IloGeneration, e.FileName, e.Sha256, e.Size, e.PasswordProtected, e.Snapshot, e.RecordId)));
        Assert.Equal(true, rows.Single(e => e.Identity.FirmwareVersion == "2.80").SnapshotUnchanged);
        Assert.True(File.Exists(CatalogCopy.PathIn(_fx.Directory)), "a rebuild ends by saving the catalog copy");
    }

    [Fact]
    public async Task An_object_without_a_record_comes_back_with_hash_and_size_as_unknown_server()
    {
        StoredObject legacy;
        await using (var repo = await _fx.OpenAsync())
        {
            legacy = await repo.Objects.PutOrphanAsync(RepositoryFixture.Bytes("stored before records existed"), default);
        }

        File.Delete(Catalog);
        var report = await CatalogRecovery.RebuildAsync(_fx.Directory, force: false, _fx.Time, default);

        Assert.Equal(1, report.UnknownServer);
        await using var rebuilt = await _fx.OpenAsync(readOnly: true);
        var row = Assert.Single(await rebuilt.HistoryAsync(null, default));
        Assert.Equal((CatalogRecovery.UnknownServer, (string?)null, legacy.Sha256, (long?)legacy.Size), (row.Host, row.Identity.SerialNumber, row.Sha256, row.Size));
    }

    [Fact]
    public async Task Restore_catalog_brings_back_the_copy_then_the_rows_newer_than_it_from_their_records()
    {
        BackupEntry newer;
        await using (var repo = await _fx.OpenAsync())
        {
            await repo.StoreAsync(_fx.Entry("MXQA"), RepositoryFixture.Bytes("a1"), default);
            await repo.AddFailureAsync(
                new NewBackupEntry { Host = "https://dead.lab/", Outcome = BackupOutcome.Failed, TakenAt = _fx.Time.GetUtcNow(), FailureReason = "unreachable" },
                default);
            await repo.SaveCatalogCopyAsync(default);
            _fx.Time.Advance(TimeSpan.FromHours(1));
            newer = await repo.StoreAsync(_fx.Entry("MXQB"), RepositoryFixture.Bytes("b1"), default); // not in the copy
        }

        await using (var file = new FileStream(Catalog, FileMode.Open, FileAccess.Write))
        {
            file.Write(new byte[100]); // the header: not a database any more
        }

        await Assert.ThrowsAsync<RepositoryException>(() => _fx.OpenAsync());
        var report = await CatalogRecovery.RestoreAsync(_fx.Directory, force: false, _fx.Time, default);

        Assert.Equal((2, 1), (report.FromCopy, report.FromRecords));
        Assert.EndsWith(".damaged-20261101T130000Z", report.MovedAside, StringComparison.Ordinal);
        Assert.True(File.Exists(report.MovedAside));
        await using var restored = await _fx.OpenAsync();
        var rows = await restored.HistoryAsync(null, default);
        Assert.Equal(["MXQB", null, "MXQA"], rows.Select(e => e.Identity.SerialNumber));
        Assert.Equal(newer.RecordId, rows[0].RecordId);
        Assert.Contains("unreachable", rows.Select(e => e.FailureReason));
        Assert.True((await restored.VerifyAsync(default)).IsHealthy);
    }

    [Fact]
    public async Task A_damaged_catalog_never_replaces_the_last_good_copy()
    {
        await using (var repo = await _fx.OpenAsync())
        {
            await repo.StoreAsync(_fx.Entry("MXQA", $$"""{"pad":"{{new string('x', 3000)}}"}"""), RepositoryFixture.Bytes("a1"), default);
            await repo.SaveCatalogCopyAsync(default);
        }

        var copy = await File.ReadAllBytesAsync(CatalogCopy.PathIn(_fx.Directory));
        await using (var file = new FileStream(Catalog, FileMode.Open, FileAccess.Write))
        {
            file.Position = 4096 + 8;
            file.Write(Enumerable.Repeat((byte)0xA5, 16).ToArray());
        }

        // A writer refuses it on opening; a catalog already open when damaged is caught when the copy is saved.
        await Assert.ThrowsAsync<RepositoryException>(() => _fx.OpenAsync());
        await using (var catalog = SqliteBackupCatalog.Open(Catalog, readOnly: false))
        {
            var ex = await Assert.ThrowsAsync<RepositoryException>(() => CatalogCopy.SaveAsync(catalog, _fx.Directory, default));
            Assert.Contains("was left as it was", ex.Message, StringComparison.Ordinal);
        }

        Assert.Equal(copy, await File.ReadAllBytesAsync(CatalogCopy.PathIn(_fx.Directory)));
    }

    [Fact]
    public async Task A_version_1_catalog_is_read_as_it_is_and_migrated_by_a_writer_with_suspect_false()
    {
        Directory.CreateDirectory(Path.Combine(_fx.Directory, "objects"));
        await using (var v1 = new SqliteConnection($"Data Source={Catalog};Pooling=False"))
        {
            v1.Open();
            using var command = v1.CreateCommand();
            command.CommandText = """
                CREATE TABLE backups (id INTEGER PRIMARY KEY AUTOINCREMENT, host TEXT NOT NULL, outcome TEXT NOT NULL, taken_at_ms INTEGER NOT NULL,
                    serial TEXT, product TEXT, product_id TEXT, generation TEXT, firmware TEXT, file_name TEXT, sha256 TEXT, size INTEGER,
                    password_protected INTEGER NOT NULL DEFAULT 0, snapshot TEXT, snapshot_sha256 TEXT, snapshot_unchanged INTEGER, failure_reason TEXT);
                INSERT INTO backups (host, outcome, taken_at_ms, serial, failure_reason) VALUES ('https://a.lab/', 'failed', 0, 'MXQA', 'refused');
                PRAGMA user_version = 1;
                """;
            command.ExecuteNonQuery();
        }

        await using (var reader = await _fx.OpenAsync(readOnly: true))
        {
            Assert.False(Assert.Single(await reader.HistoryAsync(null, default)).Suspect);
        }

        await using var writer = await _fx.OpenAsync();
        var good = await writer.StoreAsync(_fx.Entry("MXQA"), RepositoryFixture.Bytes("after the upgrade"), default);
        Assert.Equal(good.Id, (await writer.FindNewestGoodAsync("MXQA", null, default))!.Id);
        Assert.All(await writer.HistoryAsync(null, default), e => Assert.False(e.Suspect));
    }

    [Fact]
    public async Task A_pruned_backup_does_not_come_back_with_a_rebuild_even_when_its_file_is_shared()
    {
        BackupEntry kept;
        await using (var repo = await _fx.OpenAsync())
        {
            await repo.StoreAsync(_fx.Entry("MXQA"), RepositoryFixture.Bytes("same bytes"), default);
            _fx.Time.Advance(TimeSpan.FromDays(1));
            kept = await repo.StoreAsync(_fx.Entry("MXQA"), RepositoryFixture.Bytes("same bytes"), default);
            Assert.Equal(2, _fx.RecordFiles().Length);
            var report = await repo.PruneAsync(new PrunePolicy(1, null), dryRun: false, default);
            Assert.Single(report.RemovedEntries);
            Assert.Equal(0, report.RemovedObjects); // the file is still used by the kept entry
        }

        Assert.Single(_fx.RecordFiles());
        File.Delete(Catalog);
        await CatalogRecovery.RebuildAsync(_fx.Directory, force: false, _fx.Time, default);
        await using var rebuilt = await _fx.OpenAsync(readOnly: true);
        Assert.Equal(kept.RecordId, Assert.Single(await rebuilt.HistoryAsync(null, default)).RecordId);
    }

    [Fact]
    public async Task Restore_catalog_without_a_copy_names_the_other_way_out_and_changes_nothing()
    {
        await using (var repo = await _fx.OpenAsync())
        {
            await repo.StoreAsync(_fx.Entry("MXQA"), RepositoryFixture.Bytes("a"), default);
        }

        File.Delete(Catalog);
        var ex = await Assert.ThrowsAsync<RepositoryException>(() => CatalogRecovery.RestoreAsync(_fx.Directory, force: false, _fx.Time, default));
        Assert.Contains("rebuild-catalog", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Catalog));
        Assert.Single(_fx.ObjectFiles());
    }
}
