using IloBackup.Engine.Backup;
using IloBackup.Engine.Restore;
using IloBackup.Engine.Snapshots;
using IloBackup.Redfish.Credentials;
using IloBackup.Emulator.Accounts;
using IloBackup.Emulator.Hosting;
using IloBackup.Emulator.Ilo;
using IloBackup.TestSupport.Emulation;
using Microsoft.AspNetCore.Http;

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
        await using var fleet = await StartAsync();
        using var restores = CountRestores(fleet, out var restoreCount);
        using var client = TestIloClient.Create(fleet);
        var backup = await new BackupOperation(client).RunAsync(new BackupRequest(), new FolderSink(_directory), null, CancellationToken.None);
        var ilo = fleet[0];
        var hostName = ilo.Configuration.Network.HostName;
        ilo.UpdateConfiguration(c => c with { Network = c.Network with { HostName = "changed-after-backup" } });
        new AccountsModel(ilo).Delete(ilo.Configuration.Users.FindByUserName(TestIlo.OperatorUser)!.Id, "test");

        var restore = new RestoreOperation(client);
        var plan = await restore.PlanAsync(Fast(backup.FilePath), CancellationToken.None);
        Assert.Empty(plan.Problems);
        Assert.False(plan.IsBlocked);
        Assert.Equal(0, restoreCount());
        var stages = new List<RestoreStage>();
        var result = await restore.ExecuteAsync(plan, new Sync<RestoreProgress>(p => stages.Add(p.Stage)), CancellationToken.None);

        Assert.Equal(1, restoreCount());
        Assert.Equal(hostName, ilo.Configuration.Network.HostName);
        Assert.NotNull(ilo.Configuration.Users.FindByUserName(TestIlo.OperatorUser));
        Assert.True(result.IdentityMatches);
        Assert.True(result.ResetObserved);
        Assert.True(result.SnapshotMatches, string.Join('\n', result.Differences ?? []));
        Assert.Contains(RestoreStage.Unreachable, stages);
        Assert.Equal(0, ilo.Sessions.Count);
    }

    [Fact]
    public async Task An_iLO_that_goes_away_again_during_verification_is_waited_for_again()
    {
        await using var fleet = await StartAsync();
        using var client = TestIloClient.Create(fleet);
        var backup = await new BackupOperation(client).RunAsync(new BackupRequest(), new FolderSink(_directory), null, CancellationToken.None);
        var restore = new RestoreOperation(client);
        var plan = await restore.PlanAsync(Fast(backup.FilePath), CancellationToken.None);
        using var flap = FlapAfterTheResetOnce(fleet, afterRequests: 6, out var loginsSince);
        var result = await restore.ExecuteAsync(plan, null, CancellationToken.None);
        Assert.True(result.IdentityMatches);
        Assert.True(result.SnapshotMatches);
        Assert.Equal(2, loginsSince()); // after the reset, and again after the second outage (the plan's session carries the upload: issue 13)
        Assert.Equal(0, fleet[0].Sessions.Count);
    }

    [Fact]
    public async Task Differences_after_the_restore_are_reported()
    {
        await using var fleet = await StartAsync();
        using var client = TestIloClient.Create(fleet);
        var backup = await new BackupOperation(client).RunAsync(new BackupRequest(), new FolderSink(_directory), null, CancellationToken.None);
        var restore = new RestoreOperation(client);
        var plan = await restore.PlanAsync(Fast(backup.FilePath), CancellationToken.None);
        fleet[0].SetSecurityState(IloSecurityState.HighSecurity); // never restored (§4): still different afterwards
        var result = await restore.ExecuteAsync(plan, null, CancellationToken.None);
        var difference = Assert.Single(result.Differences!);
        Assert.Equal("$.sections.security.SecurityState", difference.Path);
        Assert.Equal(SnapshotChange.Changed, difference.Change);
        Assert.False(result.SnapshotMatches);
    }

    [Fact]
    public async Task A_foreign_file_is_refused_before_upload_unless_forced()
    {
        // A backup of another server (iLO 1) planned for iLO 0.
        await using var fleet = await StartAsync(count: 2);
        using var log = fleet.Overrides.RecordRequests(out var requests);
        using var other = TestIloClient.Create(fleet, index: 1);
        var backup = await new BackupOperation(other).RunAsync(new BackupRequest(), new FolderSink(_directory), null, CancellationToken.None);
        using var client = TestIloClient.Create(fleet);
        var restore = new RestoreOperation(client);
        var plan = await restore.PlanAsync(Fast(backup.FilePath), CancellationToken.None);
        // iLO 1 is also another model: the server's serial is one of the problems.
        var problem = Assert.Single(plan.Problems, p => p.Message.Contains("server", StringComparison.Ordinal) && p.Message.Contains(fleet[0].Identity.ServerSerial, StringComparison.Ordinal));
        Assert.Contains(fleet[1].Identity.ServerSerial, problem.Message, StringComparison.Ordinal);
        Assert.Contains(fleet[0].Identity.ServerSerial, problem.Message, StringComparison.Ordinal);
        Assert.True(plan.IsBlocked);
        var refused = await Assert.ThrowsAsync<RestoreRefusedException>(() => restore.ExecuteAsync(plan, null, CancellationToken.None));
        Assert.Contains("--force", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(requests, r => r.Contains("uploadRestoreFile", StringComparison.Ordinal));

        var forced = await restore.PlanAsync(Fast(backup.FilePath) with { Force = true }, CancellationToken.None);
        Assert.False(forced.IsBlocked);
    }

    [Fact]
    public async Task A_damaged_file_or_a_protected_one_without_password_cannot_be_forced()
    {
        await using var fleet = await StartAsync();
        using var client = TestIloClient.Create(fleet);
        var backup = await new BackupOperation(client).RunAsync(
            new BackupRequest { FilePassword = "pw", IncludeSnapshot = false }, new FolderSink(_directory), null, CancellationToken.None);
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
        await using var fleet = await StartAsync();
        using var client = TestIloClient.Create(fleet);
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
        await using var fleet = await StartAsync();
        using var client = TestIloClient.Create(fleet);
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
        await using var fleet = await StartAsync(configure: o => o with { ResetDuration = TimeSpan.FromHours(1) });
        using var client = TestIloClient.Create(fleet);
        var backup = await new BackupOperation(client).RunAsync(new BackupRequest(), new FolderSink(_directory), null, CancellationToken.None);
        var restore = new RestoreOperation(client);
        var plan = await restore.PlanAsync(Fast(backup.FilePath) with { Deadline = TimeSpan.FromMilliseconds(200) }, CancellationToken.None);
        var error = await Assert.ThrowsAsync<IloDidNotReturnException>(() => restore.ExecuteAsync(plan, null, CancellationToken.None));
        Assert.Contains("did not come back", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_without_an_answer_is_reported_as_unknown_and_never_sent_twice()
    {
        await using var fleet = await StartAsync();
        using var client = TestIloClient.Create(fleet);
        var backup = await new BackupOperation(client).RunAsync(new BackupRequest(), new FolderSink(_directory), null, CancellationToken.None);
        var restore = new RestoreOperation(client);
        var plan = await restore.PlanAsync(Fast(backup.FilePath), CancellationToken.None);
        var applied = 0;
        using var dropped = fleet.Overrides.Add(0, "POST", "/cgi-bin/uploadRestoreFile", async (context, _, next) =>
        {
            // The restore is applied, then its answer is lost: the connection drops.
            var original = context.Response.Body;
            context.Response.Body = new MemoryStream();
            await next(context);
            applied += context.Response.StatusCode == StatusCodes.Status200OK ? 1 : 0;
            context.Response.Body = original;
            context.Abort();
        });
        using var log = fleet.Overrides.RecordRequests(out var requests);
        var error = await Assert.ThrowsAsync<RestoreOutcomeUnknownException>(() => restore.ExecuteAsync(plan, null, CancellationToken.None));
        Assert.Contains("Do not upload again", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, applied);
        Assert.Single(requests, r => r == "POST /cgi-bin/uploadRestoreFile");
    }

    private static Task<EmulatorFleet> StartAsync(int count = 1, Func<EmulatorOptions, EmulatorOptions>? configure = null) =>
        TestIlo.StartInProcessAsync(o => (configure ?? (x => x))(o.WithShortReset() with { Count = count }));

    private static IDisposable CountRestores(EmulatorFleet fleet, out Func<int> count) => fleet.Overrides.CountAnswers(
        c => HttpMethods.IsPost(c.Request.Method) && c.Request.Path.Equals("/cgi-bin/uploadRestoreFile", StringComparison.OrdinalIgnoreCase),
        StatusCodes.Status200OK, out count);

    /// <summary>A flapping boot: once the iLO is back from the reset after a restore, it answers <paramref name="afterRequests"/> - 1 requests and resets once more.</summary>
    private static IDisposable FlapAfterTheResetOnce(EmulatorFleet fleet, int afterRequests, out Func<int> logins)
    {
        var restoredAt = DateTimeOffset.MaxValue;
        var answered = 0;
        var loggedIn = new int[1];
        logins = () => Volatile.Read(ref loggedIn[0]);
        return fleet.Overrides.Add(
            (_, _) => true,
            async (context, ilo, next) =>
            {
                if (ilo.ReachableAt > restoredAt && Interlocked.Increment(ref answered) == afterRequests)
                {
                    ilo.Reset("a second reset while booting (test)", TimeSpan.FromMilliseconds(700));
                    context.Abort();
                    return;
                }

                await next(context);
                if (HttpMethods.IsPost(context.Request.Method) && context.Response.StatusCode == StatusCodes.Status201Created
                    && context.Request.Path.StartsWithSegments("/redfish/v1/SessionService/Sessions", StringComparison.OrdinalIgnoreCase))
                {
                    Interlocked.Increment(ref loggedIn[0]);
                }

                if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals("/cgi-bin/uploadRestoreFile", StringComparison.OrdinalIgnoreCase)
                    && context.Response.StatusCode == StatusCodes.Status200OK)
                {
                    restoredAt = ilo.Time.GetUtcNow();
                }
            });
    }

    private sealed class Sync<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
