using IloBackup.Engine.Backup;
using IloBackup.Engine.Restore;
using IloBackup.Redfish.Errors;

namespace IloBackup.Integration.Tests.SingleIlo;

public sealed class RestoreAgainstEmulatorTests
{
    private static RestoreRequest Request(string file) => new()
    {
        FilePath = file, PollInterval = TimeSpan.FromMilliseconds(50), Deadline = TimeSpan.FromSeconds(60),
    };

    [Fact]
    public async Task A_change_made_after_the_backup_is_undone_and_the_restore_returns_once_the_iLO_is_back_and_verified()
    {
        await using var ilo = await EmulatedIlo.StartAsync();
        using var client = ilo.InProcessClient();
        var backup = await new BackupOperation(client).RunAsync(new BackupRequest(), new FolderSink(ilo.Directory), null, CancellationToken.None);
        var original = ilo.Fleet[0].Configuration.Network.HostName;
        ilo.Fleet[0].UpdateConfiguration(c => c with { Network = c.Network with { HostName = "changed-by-mistake" } });

        var restore = new RestoreOperation(client);
        var plan = await restore.PlanAsync(Request(backup.FilePath), CancellationToken.None);
        Assert.False(plan.IsBlocked, string.Join("; ", plan.Problems));
        var result = await restore.ExecuteAsync(plan, null, CancellationToken.None);

        Assert.True(ilo.Fleet[0].IsReachable);
        Assert.Equal(original, ilo.Fleet[0].Configuration.Network.HostName);
        Assert.True(result.ResetObserved);
        Assert.True(result.IdentityMatches);
        Assert.NotNull(result.Differences);
        Assert.True(result.SnapshotMatches, string.Join('\n', result.Differences));
        Assert.Contains("restored", result.EventLogEvidence, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, ilo.Fleet[0].Sessions.Count);
    }

    [Fact]
    public async Task A_file_from_another_server_is_refused_before_upload()
    {
        await using var ilo = await EmulatedIlo.StartAsync(count: 2);
        using var first = ilo.InProcessClient(0);
        using var second = ilo.InProcessClient(1);
        var backup = await new BackupOperation(first).RunAsync(new BackupRequest(), new FolderSink(ilo.Directory), null, CancellationToken.None);
        var before = ilo.Fleet[1].Configuration;

        var restore = new RestoreOperation(second);
        var plan = await restore.PlanAsync(Request(backup.FilePath), CancellationToken.None);
        Assert.True(plan.IsBlocked);
        Assert.Contains(ilo.Fleet[0].Identity.ServerSerial, string.Join(" ", plan.Problems), StringComparison.Ordinal);
        await Assert.ThrowsAsync<RestoreRefusedException>(() => restore.ExecuteAsync(plan, null, CancellationToken.None));
        Assert.Same(before, ilo.Fleet[1].Configuration);

        // Forced, the iLO itself refuses it (our emulator's choice, §3): a clear error, nothing changes.
        var forced = await restore.PlanAsync(Request(backup.FilePath) with { Force = true }, CancellationToken.None);
        var refused = await Assert.ThrowsAsync<RedfishHttpException>(() => restore.ExecuteAsync(forced, null, CancellationToken.None));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotEmpty(refused.ExtendedInfo);
        Assert.Same(before, ilo.Fleet[1].Configuration);
        Assert.Equal(0, ilo.Fleet[1].Sessions.Count);
    }

    [Fact]
    public async Task A_renamed_file_without_metadata_is_refused_unless_forced()
    {
        await using var ilo = await EmulatedIlo.StartAsync();
        using var client = ilo.InProcessClient();
        var backup = await new BackupOperation(client).RunAsync(new BackupRequest(), new FolderSink(ilo.Directory), null, CancellationToken.None);
        var renamed = Path.Combine(ilo.Directory, "config.bak");
        File.Copy(backup.FilePath, renamed);
        var plan = await new RestoreOperation(client).PlanAsync(Request(renamed), CancellationToken.None);
        Assert.True(plan.IsBlocked);
        Assert.Contains("nothing is known", Assert.Single(plan.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_protected_backup_restores_with_its_password()
    {
        await using var ilo = await EmulatedIlo.StartAsync();
        using var client = ilo.InProcessClient();
        var backup = await new BackupOperation(client).RunAsync(new BackupRequest { FilePassword = "file-pw-123" }, new FolderSink(ilo.Directory), null, CancellationToken.None);
        var restore = new RestoreOperation(client);
        var withoutPassword = await restore.PlanAsync(Request(backup.FilePath), CancellationToken.None);
        Assert.False(Assert.Single(withoutPassword.Problems).CanForce);

        var plan = await restore.PlanAsync(Request(backup.FilePath) with { FilePassword = "wrong" }, CancellationToken.None);
        var error = await Assert.ThrowsAsync<RedfishHttpException>(() => restore.ExecuteAsync(plan, null, CancellationToken.None));
        Assert.Contains("password", error.Message, StringComparison.Ordinal);

        var good = await restore.PlanAsync(Request(backup.FilePath) with { FilePassword = "file-pw-123" }, CancellationToken.None);
        var result = await restore.ExecuteAsync(good, null, CancellationToken.None);
        Assert.True(result.IdentityMatches);
    }
}
