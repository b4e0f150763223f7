using IloBackup.Engine.Identity;
using IloBackup.Engine.Fleet;
using IloBackup.Engine.Inventory;
using IloBackup.Engine.Repository;
using IloBackup.Engine.Restore;
using IloBackup.Redfish;
using IloBackup.Redfish.Credentials;
using IloBackup.Redfish.Tls;
using IloBackup.TestSupport.Emulation;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Engine.Tests.Repository;

public sealed class RestoreFromRepositoryTests : IDisposable
{
    private readonly RepositoryFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task The_newest_backup_of_the_targets_serial_is_restored_and_verified()
    {
        await using var ilo = await TestIlo.StartKestrelAsync(null, o => o.WithShortReset() with { BackupRestore = o.WithShortReset().BackupRestore with { BackupPaddingBytes = 1000 } });
        using var restores = ilo.Overrides.CountAnswers(
            c => HttpMethods.IsPost(c.Request.Method) && c.Request.Path.Equals("/cgi-bin/uploadRestoreFile", StringComparison.OrdinalIgnoreCase),
            StatusCodes.Status200OK, out var restoreCount);
        var credential = new RedfishCredential(TestIlo.AdminUser, TestIlo.AdminPassword);
        await using var repo = await _fx.OpenAsync();
        var connector = new RedfishIloConnector(new RedfishIloConnectorOptions
        {
            Tls = TlsPolicy.DangerousAcceptAnyCertificate(), DefaultCredential = credential,
        });
        var hosts = InventoryLoader.Parse(ilo.BaseAddress().ToString(), "hosts", InventoryFormat.HostList, null).Hosts;
        var report = await new FleetBackupJob(repo, connector, new FleetRunner(new FleetRunnerOptions()), new FleetBackupOptions())
            .RunAsync(hosts, null, default);
        Assert.Equal(0, report.ExitCode);

        var hostName = ilo[0].Configuration.Network.HostName;
        ilo[0].UpdateConfiguration(c => c with { Network = c.Network with { HostName = "changed-by-mistake" } });
        var entry = await RepositoryRestoreSource.SelectAsync(repo, ilo[0].Identity.ServerSerial, null, null, default);
        var source = new RepositoryRestoreSource(repo, null, null);

        using var client = RedfishClient.CreateBuilder(RedfishEndpoint.Parse(ilo.BaseAddress().ToString()))
            .WithCredentials(credential).WithTls(TlsPolicy.DangerousAcceptAnyCertificate()).Build();
        await using var operation = new RestoreOperation(client);
        var plan = await operation.PlanAsync(
            source, new RestoreRequest { PollInterval = TimeSpan.FromMilliseconds(20), Deadline = TimeSpan.FromSeconds(30) }, default);
        Assert.False(plan.IsBlocked);
        Assert.Equal(entry.Id, source.Entry!.Id);
        Assert.Equal(repo.Objects.PathOf(entry.Sha256!), plan.File.FilePath); // the object itself, not a copy
        Assert.Equal(entry.FileName, plan.File.UploadName);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_fx.Directory, "tmp")));
        var result = await operation.ExecuteAsync(plan, null, default);

        Assert.True(result.IdentityMatches);
        Assert.Equal(hostName, ilo[0].Configuration.Network.HostName);
        Assert.Equal(1, restoreCount());
        Assert.True(result.SnapshotMatches);
    }

    [Fact]
    public async Task Selection_by_time_by_id_and_the_clear_errors()
    {
        await using var repo = await _fx.OpenAsync();
        var old = await repo.StoreAsync(_fx.Entry("MXQ1"), RepositoryFixture.Bytes("old"), default);
        _fx.Time.Advance(TimeSpan.FromDays(2));
        var recent = await repo.StoreAsync(_fx.Entry("MXQ1"), RepositoryFixture.Bytes("new"), default);
        var failed = await repo.AddFailureAsync(
            new NewBackupEntry { Host = "h", Identity = IloIdentity.OfSerial("MXQ1"), Outcome = BackupOutcome.Failed, TakenAt = _fx.Time.GetUtcNow(), FailureReason = "timeout" },
            default);

        Assert.Equal(recent.Id, (await RepositoryRestoreSource.SelectAsync(repo, "MXQ1", null, null, default)).Id);
        Assert.Equal(old.Id, (await RepositoryRestoreSource.SelectAsync(repo, "MXQ1", null, old.TakenAt.AddDays(1), default)).Id);
        Assert.Equal(old.Id, (await RepositoryRestoreSource.SelectAsync(repo, "OTHER", old.Id, null, default)).Id);
        var none = await Assert.ThrowsAsync<RepositoryException>(() => RepositoryRestoreSource.SelectAsync(repo, "MXQ9", null, null, default));
        Assert.Contains("no good backup of server MXQ9", none.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<RepositoryException>(() => RepositoryRestoreSource.SelectAsync(repo, "MXQ1", failed.Id, null, default));
        await Assert.ThrowsAsync<RepositoryException>(() => RepositoryRestoreSource.SelectAsync(repo, "MXQ1", null, old.TakenAt.AddDays(-1), default));
    }

    [Fact]
    public async Task A_damaged_object_is_never_handed_to_a_restore()
    {
        await using var repo = await _fx.OpenAsync();
        var entry = await repo.StoreAsync(_fx.Entry("MXQ1"), RepositoryFixture.Bytes("good bytes"), default);
        await File.WriteAllTextAsync(repo.Objects.PathOf(entry.Sha256!), "evil bytes");
        var byId = await Assert.ThrowsAsync<RepositoryException>(
            () => new RepositoryRestoreSource(repo, entry.Id, null).DescribeAsync(IloIdentity.OfSerial("MXQ1"), default));
        Assert.Contains("not a good backup", byId.Message, StringComparison.Ordinal);
        var bySerial = await Assert.ThrowsAsync<RepositoryException>(
            () => new RepositoryRestoreSource(repo, null, null).DescribeAsync(IloIdentity.OfSerial("MXQ1"), default));
        Assert.Contains("no good backup of server MXQ1", bySerial.Message, StringComparison.Ordinal);
    }
}
