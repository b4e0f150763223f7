using IloBackup.Engine.Repository;

namespace IloBackup.Engine.Tests.Repository;

/// <summary>Issue 15, item 1: a backup that looks like factory defaults, or lost much, is stored suspect and never counts as good.</summary>
public sealed class SuspectBackupTests : IDisposable
{
    private readonly RepositoryFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task A_backup_at_factory_defaults_after_a_configured_one_is_suspect_and_restore_by_serial_passes_it_over()
    {
        await using var repo = await _fx.OpenAsync();
        var configured = await StoreAsync(repo, SuspectSnapshots.Configured("MXQ1"), "configured");
        var blank = await StoreAsync(repo, SuspectSnapshots.Factory("MXQ1"), "blank");

        Assert.False(configured.Suspect);
        Assert.True(blank.Suspect);
        Assert.Contains("looks like factory defaults", blank.SuspectReason, StringComparison.Ordinal);
        Assert.Contains($"backup {configured.Id} was configured", blank.SuspectReason, StringComparison.Ordinal);
        var stored = await repo.GetAsync(blank.Id, default);
        Assert.True(stored!.Suspect);
        Assert.Equal(blank.SuspectReason, stored.SuspectReason);

        var choice = await RepositoryRestoreSource.ChooseAsync(repo, "MXQ1", null, null, default);
        Assert.Equal(configured.Id, choice.Entry.Id);
        var skipped = Assert.Single(choice.Skipped);
        Assert.Equal(blank.Id, skipped.Entry.Id);
        Assert.Equal(GoodBackupVerdict.Suspect, skipped.Verdict);
        Assert.StartsWith("marked suspect: looks like factory defaults", skipped.Reason, StringComparison.Ordinal);

        // --backup ID overrides: the suspect backup is restored when chosen by id.
        Assert.Equal(blank.Id, (await RepositoryRestoreSource.ChooseAsync(repo, "MXQ1", blank.Id, null, default)).Entry.Id);
    }

    [Fact]
    public async Task Every_later_backup_at_factory_defaults_stays_suspect_while_a_server_always_at_factory_defaults_is_not()
    {
        await using var repo = await _fx.OpenAsync();
        await StoreAsync(repo, SuspectSnapshots.Configured("MXQ1"), "configured");
        Assert.True((await StoreAsync(repo, SuspectSnapshots.Factory("MXQ1"), "night 1")).Suspect);
        Assert.True((await StoreAsync(repo, SuspectSnapshots.Factory("MXQ1"), "night 2")).Suspect);

        Assert.False((await StoreAsync(repo, SuspectSnapshots.Factory("NEW1"), "new server 1", "NEW1")).Suspect);
        Assert.False((await StoreAsync(repo, SuspectSnapshots.Factory("NEW1"), "new server 2", "NEW1")).Suspect);
    }

    [Fact]
    public async Task Losing_the_license_or_most_accounts_since_the_previous_backup_is_suspect_once()
    {
        await using var repo = await _fx.OpenAsync();
        var first = await StoreAsync(repo, SuspectSnapshots.Configured("MXQ1", "Administrator", "ops", "audit"), "a");
        var noLicense = await StoreAsync(
            repo, SuspectSnapshots.Make("ilo-mxq1", dhcp: false, ["Administrator", "ops", "audit"], "iLO Standard"), "b");
        Assert.True(noLicense.Suspect);
        Assert.Equal($"lost since backup {first.Id}: the license (iLO Advanced)", noLicense.SuspectReason);

        // The next night confirms the change (nothing more lost since the previous backup): good again.
        var confirmed = await StoreAsync(
            repo, SuspectSnapshots.Make("ilo-mxq1", dhcp: false, ["Administrator", "ops", "audit"], "iLO Standard"), "c");
        Assert.False(confirmed.Suspect);

        var fewer = await StoreAsync(repo, SuspectSnapshots.Make("ilo-mxq1", dhcp: true, ["Administrator"], "iLO Standard"), "d");
        Assert.True(fewer.Suspect);
        Assert.Contains("2 of 3 accounts (ops, audit)", fewer.SuspectReason, StringComparison.Ordinal);
        Assert.Contains("network settings (static address now DHCP", fewer.SuspectReason, StringComparison.Ordinal);

        // One account of three removed on purpose is not "much".
        var one = await StoreAsync(repo, SuspectSnapshots.Configured("MXQ2", "Administrator", "ops", "audit"), "e", "MXQ2");
        Assert.False((await StoreAsync(repo, SuspectSnapshots.Configured("MXQ2", "Administrator", "ops"), "f", "MXQ2")).Suspect);
        Assert.False(one.Suspect);
    }

    [Fact]
    public async Task Prune_never_keeps_a_suspect_backup_as_the_last_good_one()
    {
        await using var repo = await _fx.OpenAsync();
        var configured = await StoreAsync(repo, SuspectSnapshots.Configured("MXQ1"), "configured");
        _fx.Time.Advance(TimeSpan.FromDays(10));
        var blank = await StoreAsync(repo, SuspectSnapshots.Factory("MXQ1"), "blank");

        var report = await repo.PruneAsync(new PrunePolicy(1, null), dryRun: false, default);

        Assert.Empty(report.RemovedEntries);
        Assert.NotNull(await repo.GetAsync(configured.Id, default));
        Assert.NotNull(await repo.GetAsync(blank.Id, default));
        Assert.True(File.Exists(repo.Objects.PathOf(configured.Sha256!)));
    }

    [Fact]
    public async Task The_suspect_mark_and_its_reason_survive_a_catalog_rebuild()
    {
        long blankId;
        await using (var repo = await _fx.OpenAsync())
        {
            await StoreAsync(repo, SuspectSnapshots.Configured("MXQ1"), "configured");
            blankId = (await StoreAsync(repo, SuspectSnapshots.Factory("MXQ1"), "blank")).Id;
        }

        await CatalogRecovery.RebuildAsync(_fx.Directory, force: true, _fx.Time, default);
        await using var rebuilt = await _fx.OpenAsync(readOnly: true);
        var history = await rebuilt.HistoryAsync("MXQ1", default);
        Assert.Equal(2, history.Count);
        Assert.True(history[0].Suspect);
        Assert.Contains("looks like factory defaults", history[0].SuspectReason, StringComparison.Ordinal);
        Assert.False(history[1].Suspect);
        Assert.True(blankId > 0);
    }

    [Fact]
    public async Task A_version_2_catalog_is_read_as_it_is_and_a_writer_migrates_it_keeping_its_suspect_marks()
    {
        await using (var repo = await _fx.OpenAsync())
        {
            await StoreAsync(repo, SuspectSnapshots.Configured("MXQ1"), "configured");
            await StoreAsync(repo, SuspectSnapshots.Factory("MXQ1"), "blank");
        }

        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_fx.Directory, BackupRepository.CatalogFileName)};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "ALTER TABLE backups DROP COLUMN suspect_reason; PRAGMA user_version = 2;";
            command.ExecuteNonQuery();
        }

        await using (var reader = await _fx.OpenAsync(readOnly: true))
        {
            var history = await reader.HistoryAsync("MXQ1", default);
            Assert.True(history[0].Suspect);
            Assert.Null(history[0].SuspectReason);
        }

        await using var writer = await _fx.OpenAsync();
        Assert.True((await writer.HistoryAsync("MXQ1", default))[0].Suspect);
        Assert.True((await StoreAsync(writer, SuspectSnapshots.Factory("MXQ1"), "blank again")).Suspect);
    }

    private async Task<BackupEntry> StoreAsync(BackupRepository repo, string snapshot, string content, string serial = "MXQ1")
    {
        _fx.Time.Advance(TimeSpan.FromMinutes(1));
        return await repo.StoreAsync(_fx.Entry(serial, snapshot), RepositoryFixture.Bytes(content), default);
    }
}
