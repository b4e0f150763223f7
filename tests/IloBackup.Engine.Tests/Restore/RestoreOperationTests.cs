using IloBackup.Engine.Backup;
using IloBackup.Engine.Restore;
using IloBackup.Engine.Snapshots;
using IloBackup.Redfish.Credentials;
using IloBackup.TestSupport.FakeIlo;

namespace IloBackup.Engine.Tests.Restore;

public sealed class RestoreOperationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ilobackup-restore-").FullName;

    public void Dispose() => Directory.Delete(_directory, true);

    private static RestoreRequest Fast(string file) => new()
    {
        FilePath = file, PollInterval = TimeSpan.FromMilliseconds(5), Deadline = TimeSpan.FromSeconds(20),
    };

    [Fact]
    public async Task A_change_made_after_the_backup_is_undone_and_verified()
    {
        await using var fake = await FakeIlo.StartInProcessAsync();
        using var client = FakeIloClient.Create(fake);
        var backup = await new BackupOperation(client).RunAsync(new BackupRequest(), new FolderSink(_directory), null, CancellationToken.None);
        fake.HostName = "changed-after-backup";
        fake.Users.TryRemove("operator", out _);

        var restore = new RestoreOperation(client);
        var plan = await restore.PlanAsync(Fast(backup.FilePath), CancellationToken.None);
        Assert.Empty(plan.Problems);
        Assert.False(plan.IsBlocked);
        Assert.Equal(0, fake.Restores);
        var stages = new List<RestoreStage>();
        var result = await restore.ExecuteAsync(plan, new Sync<RestoreProgress>(p => stages.Add(p.Stage)), CancellationToken.None);

        Assert.Equal(1, fake.Restores);
        Assert.Equal("ilo-rack1", fake.HostName);
        Assert.True(fake.Users.ContainsKey("operator"));
        Assert.True(result.IdentityMatches);
        Assert.True(result.ResetObserved);
        Assert.True(result.SnapshotMatches, string.Join('\n', result.Differences ?? []));
        Assert.Contains(RestoreStage.Unreachable, stages);
        Assert.Empty(fake.Sessions);
    }

    [Fact]
    public async Task An_iLO_that_goes_away_again_during_verification_is_waited_for_again()
    {
        await using var fake = await FakeIlo.StartInProcessAsync();
        using var client = FakeIloClient.Create(fake);
        var backup = await new BackupOperation(client).RunAsync(new BackupRequest(), new FolderSink(_directory), null, CancellationToken.None);
        var restore = new RestoreOperation(client);
        var plan = await restore.PlanAsync(Fast(backup.FilePath), CancellationToken.None);
        fake.FlapAfter = 6;
        var result = await restore.ExecuteAsync(plan, null, CancellationToken.None);
        Assert.True(result.IdentityMatches);
        Assert.True(result.SnapshotMatches);
        Assert.Equal(4, fake.Logins); // backup, plan and upload (one session), after the reset, and again after the second outage
        Assert.Empty(fake.Sessions);
    }

    [Fact]
    public async Task Differences_after_the_restore_are_reported()
    {
        await using var fake = await FakeIlo.StartInProcessAsync();
        using var client = FakeIloClient.Create(fake);
        var backup = await new BackupOperation(client).RunAsync(new BackupRequest(), new FolderSink(_directory), null, CancellationToken.None);
        var restore = new RestoreOperation(client);
        var plan = await restore.PlanAsync(Fast(backup.FilePath), CancellationToken.None);
        fake.SecurityState = "HighSecurity"; // never restored (§4): still different afterwards
        var result = await restore.ExecuteAsync(plan, null, CancellationToken.None);
        var difference = Assert.Single(result.Differences!);
        Assert.Equal("$.sections.security.SecurityState", difference.Path);
        Assert.Equal(SnapshotChange.Changed, difference.Change);
        Assert.False(result.SnapshotMatches);
    }

    [Fact]
    public async Task A_foreign_file_is_refused_before_upload_unless_forced()
    {
        await using var fake = await FakeIlo.StartInProcessAsync();
        using var client = FakeIloClient.Create(fake);
        var backup = await new BackupOperation(client).RunAsync(new BackupRequest(), new FolderSink(_directory), null, CancellationToken.None);
        fake.Serial = "OTHER00001";
        var restore = new RestoreOperation(client);
        var plan = await restore.PlanAsync(Fast(backup.FilePath), CancellationToken.None);
        var problem = Assert.Single(plan.Problems);
        Assert.Contains("MXQ78407Z2", problem.Message, StringComparison.Ordinal);
        Assert.Contains("OTHER00001", problem.Message, StringComparison.Ordinal);
        Assert.True(plan.IsBlocked);
        var refused = await Assert.ThrowsAsync<RestoreRefusedException>(() => restore.ExecuteAsync(plan, null, CancellationToken.None));
        Assert.Contains("--force", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(fake.Requests, r => r.Contains("uploadRestoreFile", StringComparison.Ordinal));

        var forced = await restore.PlanAsync(Fast(backup.FilePath) with { Force = true }, CancellationToken.None);
        Assert.False(forced.IsBlocked);
    }

    [Fact]
    public async Task A_damaged_file_or_a_protected_one_without_password_cannot_be_forced()
    {
        await using var fake = await FakeIlo.StartInProcessAsync();
        using var client = FakeIloClient.Create(fake);
        var backup = await new BackupOperation(client).RunAsync(new BackupRequest { FilePassword = "pw", IncludeSnapshot = false }, new FolderSink(_directory), null, CancellationToken.None);
        await using (var stream = File.OpenWrite(backup.FilePath))
        {
            stream.Seek(100, SeekOrigin.Begin);
            stream.WriteByte(0x42);
        }

        var plan = await new RestoreOperation(client).PlanAsync(Fast(backup.FilePath) with { Force = true }, CancellationToken.None);
        Assert.Equal(2, plan.Problems.Count);
        Assert.All(plan.Problems, p => Assert.False(p.CanForce));
        Assert.True(plan.IsBlocked);
    }

    [Fact]
    public async Task A_file_nothing_is_known_about_needs_force_and_a_name_gives_the_serial()
    {
        await using var fake = await FakeIlo.StartInProcessAsync();
        using var client = FakeIloClient.Create(fake);
        var unknown = Path.Combine(_directory, "mystery.bak");
        await File.WriteAllTextAsync(unknown, "bytes");
        var plan = await new RestoreOperation(client).PlanAsync(Fast(unknown), CancellationToken.None);
        Assert.True(Assert.Single(plan.Problems).CanForce);

        var named = Path.Combine(_directory, "HPE_ABC1234567_20260101_0101.bak");
        await File.WriteAllTextAsync(named, "bytes");
        var other = await new RestoreOperation(client).PlanAsync(Fast(named), CancellationToken.None);
        Assert.Contains("ABC1234567", Assert.Single(other.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_credentials_are_used_after_the_restore_and_a_refusal_is_explained()
    {
        await using var fake = await FakeIlo.StartInProcessAsync();
        using var client = FakeIloClient.Create(fake);
        var backup = await new BackupOperation(client).RunAsync(new BackupRequest(), new FolderSink(_directory), null, CancellationToken.None);
        var restore = new RestoreOperation(client);
        var plan = await restore.PlanAsync(
            Fast(backup.FilePath) with { CredentialAfterRestore = new RedfishCredential("admin", "not-in-the-backup") }, CancellationToken.None);
        var error = await Assert.ThrowsAsync<IloDidNotReturnException>(() => restore.ExecuteAsync(plan, null, CancellationToken.None));
        Assert.Contains("refuses the login", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-in-the-backup", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_iLO_that_never_comes_back_fails_at_the_deadline()
    {
        await using var fake = await FakeIlo.StartInProcessAsync();
        using var client = FakeIloClient.Create(fake);
        var backup = await new BackupOperation(client).RunAsync(new BackupRequest(), new FolderSink(_directory), null, CancellationToken.None);
        var restore = new RestoreOperation(client);
        var plan = await restore.PlanAsync(Fast(backup.FilePath) with { Deadline = TimeSpan.FromMilliseconds(200) }, CancellationToken.None);
        fake.ResetRequests = int.MaxValue / 2;
        var error = await Assert.ThrowsAsync<IloDidNotReturnException>(() => restore.ExecuteAsync(plan, null, CancellationToken.None));
        Assert.Contains("did not come back", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_without_an_answer_is_reported_as_unknown_and_never_sent_twice()
    {
        await using var fake = await FakeIlo.StartInProcessAsync();
        using var client = FakeIloClient.Create(fake);
        var backup = await new BackupOperation(client).RunAsync(new BackupRequest(), new FolderSink(_directory), null, CancellationToken.None);
        var restore = new RestoreOperation(client);
        var plan = await restore.PlanAsync(Fast(backup.FilePath), CancellationToken.None);
        fake.DropRestoreAnswer = true;
        var error = await Assert.ThrowsAsync<RestoreOutcomeUnknownException>(() => restore.ExecuteAsync(plan, null, CancellationToken.None));
        Assert.Contains("Do not upload again", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, fake.Restores);
        Assert.Single(fake.Requests, r => r == "POST /cgi-bin/uploadRestoreFile");
    }

    private sealed class Sync<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
