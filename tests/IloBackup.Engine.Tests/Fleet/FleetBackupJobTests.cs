using IloBackup.Engine.Fleet;
using IloBackup.Engine.Repository;
using IloBackup.Engine.Tests.Repository;

namespace IloBackup.Engine.Tests.Fleet;

public sealed class FleetBackupJobTests : IDisposable
{
    private readonly RepositoryFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    private FleetRunner Runner() => new(new FleetRunnerOptions
    {
        Concurrency = 4, RetryDelay = TimeSpan.Zero, MaxRetries = 1, TimeProvider = _fx.Time,
    });

    [Fact]
    public async Task Failing_ilos_get_their_own_outcome_and_catalog_entry_and_every_session_is_closed()
    {
        var fleet = new FakeConnector(_fx.Time);
        fleet.Add("ilo1", "MXQ1");
        fleet.Add("ilo2", "MXQ2").Failure = "password";
        fleet.Add("ilo3", "MXQ3");
        fleet.Add("ilo4", "MXQ4").Failure = "unreachable";
        await using var repo = await _fx.OpenAsync();

        var report = await new FleetBackupJob(repo, fleet, Runner(), new FleetBackupOptions()).RunAsync(fleet.Hosts(), null, default);

        Assert.Equal([HostStatus.Succeeded, HostStatus.Failed, HostStatus.Succeeded, HostStatus.Failed], report.Outcomes.Select(o => o.Status));
        Assert.Contains("wrong user name or password", report.Outcomes[1].Reason, StringComparison.Ordinal);
        Assert.Equal(1, report.Outcomes[1].Attempts); // permanent: no retry
        Assert.Equal(2, report.Outcomes[3].Attempts); // transient: retried once
        Assert.Equal(3, report.ExitCode);
        Assert.Equal(0, fleet.OpenSessions);

        var history = await repo.HistoryAsync(null, default);
        Assert.Equal(4, history.Count);
        Assert.Equal(2, history.Count(e => e.IsGood));
        var failure = history.Single(e => e.Host == "ilo4");
        Assert.Equal(BackupOutcome.Failed, failure.Outcome);
        Assert.Contains("connection refused", failure.FailureReason, StringComparison.Ordinal);
        var good = history.Single(e => e.Host == "ilo1");
        Assert.Equal(("MXQ1", "iLO 5", "2.78"), (good.Identity.SerialNumber, good.Identity.IloGeneration, good.Identity.FirmwareVersion));
        Assert.Equal("""{"hostName":"MXQ1"}""", good.Snapshot);
        Assert.Equal(report.Outcomes[0].Result!.BackupId, good.Id);
        Assert.Empty(_fx.TempFiles());
        Assert.Empty(Directory.GetDirectories(Path.Combine(_fx.Directory, "tmp")));
        Assert.True((await repo.VerifyAsync(default)).IsHealthy);
    }

    [Fact]
    public async Task Stale_only_backs_up_servers_never_backed_up_or_updated_since()
    {
        var fleet = new FakeConnector(_fx.Time);
        fleet.Add("ilo1", "MXQ1");
        var updated = fleet.Add("ilo2", "MXQ2");
        await using var repo = await _fx.OpenAsync();
        var staleOnly = new FleetBackupJob(repo, fleet, Runner(), new FleetBackupOptions { StaleOnly = true });

        var first = await staleOnly.RunAsync(fleet.Hosts(), null, default);
        Assert.Equal(2, first.Succeeded);
        Assert.Equal(2, first.FirstBackups); // never backed up
        Assert.Equal(0, first.Stale);

        _fx.Time.Advance(TimeSpan.FromDays(1));
        var second = await staleOnly.RunAsync(fleet.Hosts(), null, default);
        Assert.Equal(2, second.Skipped);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(1, fleet.Ilos["ilo1"].Backups);

        updated.Firmware = "3.01";
        var third = await staleOnly.RunAsync(fleet.Hosts(), null, default);
        Assert.Equal([HostStatus.Skipped, HostStatus.Succeeded], third.Outcomes.Select(o => o.Status));
        Assert.True(third.Outcomes[1].Result!.WasStale);
        Assert.Equal("2.78", third.Outcomes[1].Result!.PreviousFirmware);
        Assert.Equal("3.01", (await repo.FindNewestGoodAsync("MXQ2", null, default))!.Identity.FirmwareVersion);
        Assert.Equal(0, fleet.OpenSessions);
    }

    [Fact]
    public async Task A_full_run_flags_servers_whose_last_backup_predates_their_firmware()
    {
        var fleet = new FakeConnector(_fx.Time);
        var ilo = fleet.Add("ilo1", "MXQ1");
        await using var repo = await _fx.OpenAsync();
        var job = new FleetBackupJob(repo, fleet, Runner(), new FleetBackupOptions());
        await job.RunAsync(fleet.Hosts(), null, default);
        var again = await job.RunAsync(fleet.Hosts(), null, default);
        Assert.False(again.Outcomes[0].Result!.WasStale);

        ilo.Firmware = "2.80";
        var afterUpdate = await job.RunAsync(fleet.Hosts(), null, default);
        Assert.True(afterUpdate.Outcomes[0].Result!.WasStale);
        Assert.Equal("firmware 2.78 → 2.80", afterUpdate.Outcomes[0].Result!.Message);
    }

    [Fact]
    public async Task Custom_backup_is_set_on_every_reachable_ilo()
    {
        var fleet = new FakeConnector(_fx.Time);
        fleet.Add("ilo1", "MXQ1");
        fleet.Add("ilo2", "MXQ2").Failure = "stuck";
        fleet.Add("ilo3", "MXQ3").Failure = "password";

        var report = await new FleetCustomBackupJob(fleet, Runner(), enable: true).RunAsync(fleet.Hosts(), null, default);

        Assert.Equal(3, report.ExitCode);
        Assert.Equal([HostStatus.Succeeded, HostStatus.Failed, HostStatus.Failed], report.Outcomes.Select(o => o.Status));
        Assert.Equal("custom backup enabled", report.Outcomes[0].Result!.Message);
        Assert.Equal("custom backup still disabled after the change", report.Outcomes[1].Reason);
        Assert.True(fleet.Ilos["ilo1"].CustomBackup);
        Assert.Equal(0, fleet.OpenSessions);
    }
}
