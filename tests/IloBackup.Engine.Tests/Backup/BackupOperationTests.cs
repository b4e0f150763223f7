using System.Security.Cryptography;
using IloBackup.Engine.Backup;
using IloBackup.Engine.Metadata;
using System.Text.Json.Nodes;
using IloBackup.Emulator.Hosting;
using IloBackup.TestSupport.Emulation;
using IloBackup.TestSupport.Logging;

namespace IloBackup.Engine.Tests.Backup;

public sealed class BackupOperationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ilobackup-engine-").FullName;

    public void Dispose() => Directory.Delete(_directory, true);

    [Fact]
    public async Task Writes_the_iLO_file_name_with_metadata_and_a_snapshot_without_secrets()
    {
        await using var fleet = await TestIlo.StartInProcessAsync();
        var identity = fleet[0].Identity;
        var logs = new CapturingLoggerProvider();
        using var client = TestIloClient.Create(fleet, logs: logs);
        var stages = new List<BackupStage>();
        using var sink = new FolderSink(_directory);
        var result = await new BackupOperation(client, logs.CreateLogger("test"))
            .RunAsync(new BackupRequest { Tool = "test" }, sink, new Sync<BackupProgress>(p => stages.Add(p.Stage)), CancellationToken.None);

        Assert.Equal(_directory, Path.GetDirectoryName(result.FilePath));
        Assert.StartsWith($"HPE_{identity.ServerSerial}_", Path.GetFileName(result.FilePath), StringComparison.Ordinal);
        Assert.Equal(result.FilePath, sink.FilePath);
        Assert.Equal(result.FilePath + ".json", sink.MetadataPath);
        var bytes = await File.ReadAllBytesAsync(result.FilePath);
        var metadata = await BackupMetadataFile.TryReadAsync(result.FilePath, CancellationToken.None);
        Assert.NotNull(metadata);
        Assert.Equal(identity.ServerSerial, metadata.Identity.SerialNumber);
        Assert.Equal(identity.ProductId, metadata.Identity.ProductId);
        Assert.Equal(identity.ProductName, metadata.Identity.ProductName);
        Assert.Equal("iLO 5", metadata.Identity.IloGeneration);
        Assert.Equal("2.78", metadata.Identity.FirmwareVersion);
        Assert.Equal(bytes.Length, metadata.SizeBytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), metadata.Sha256);
        Assert.False(metadata.PasswordProtected);
        var snapshot = metadata.Snapshot!.ToJsonString();
        Assert.Contains(fleet[0].Configuration.Network.HostName, snapshot, StringComparison.Ordinal);
        Assert.Contains("\"RoleId\":\"Administrator\"", snapshot, StringComparison.Ordinal);
        Assert.DoesNotContain(TestIlo.AdminPassword, snapshot, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Password\"", snapshot, StringComparison.Ordinal);
        Assert.Contains("\"MinPasswordLength\":8", snapshot, StringComparison.Ordinal);
        Assert.DoesNotContain("PowerState", snapshot, StringComparison.Ordinal);
        Assert.DoesNotContain("MACAddress", snapshot, StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(_directory).Length);
        Assert.Equal(0, fleet[0].Sessions.Count);
        Assert.Contains(BackupStage.Downloading, stages);
        Assert.DoesNotContain(TestIlo.AdminPassword, logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_snapshot_and_an_explicit_file_name()
    {
        await using var fleet = await TestIlo.StartInProcessAsync();
        using var log = fleet.Overrides.RecordRequests(out var requests);
        using var client = TestIloClient.Create(fleet);
        var target = Path.Combine(_directory, "sub", "mine.bak");
        var result = await new BackupOperation(client).RunAsync(new BackupRequest { IncludeSnapshot = false, FilePassword = "pw" }, new FolderSink(target), null, CancellationToken.None);
        Assert.Equal(target, result.FilePath);
        Assert.Null(result.Metadata.Snapshot);
        Assert.True(result.Metadata.PasswordProtected);
        Assert.DoesNotContain(requests, r => r.Contains("AccountService", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Discovery_is_read_once_per_session_and_no_expand_is_sent_to_an_iLO_that_does_not_offer_it()
    {
        await using var fleet = await TestIlo.StartInProcessAsync();

        // An iLO that does not offer $expand: the service root without ExpandQuery.
        using var noExpand = fleet.Overrides.RewriteJson(0, "GET", "/redfish/v1/", root => root.Remove("ProtocolFeaturesSupported"));
        using var log = fleet.Overrides.RecordRequests(out var recorded);
        using var client = TestIloClient.Create(fleet);
        var result = await new BackupOperation(client).RunAsync(new BackupRequest(), new FolderSink(_directory), null, CancellationToken.None);

        Assert.NotNull(result.Metadata.Snapshot);
        Assert.Equal([Path.GetFileName(result.FilePath), Path.GetFileName(result.FilePath) + ".json"], Directory.GetFiles(_directory).Select(Path.GetFileName).Order());
        var requests = recorded.ToList();
        Assert.Single(requests, r => r == "GET /redfish/v1/Managers/");
        Assert.Single(requests, r => r == "GET /redfish/v1/Managers/1/");
        Assert.Single(requests, r => r == "GET /redfish/v1/Systems/");
        Assert.Single(requests, r => r == "GET /redfish/v1/Systems/1/"); // identity and power settings
        // No ExpandQuery advertised: the accounts are read one by one, without $expand.
        Assert.DoesNotContain(requests, r => r.Contains("$expand", StringComparison.Ordinal));
        var accountIds = fleet[0].Configuration.Users.Accounts.Select(a => a.Id).ToList();
        Assert.Equal(2, accountIds.Count);
        Assert.All(accountIds, id => Assert.Contains(requests, r => r.TrimEnd('/') == "GET /redfish/v1/AccountService/Accounts/" + id));
        var accounts = result.Metadata.Snapshot["sections"]!["accounts"]!["Accounts"]!.AsObject();
        Assert.Equal(2, accounts.Count);
    }

    [Fact]
    public async Task An_existing_file_is_not_overwritten_and_nothing_is_left_on_failure()
    {
        await using var fleet = await TestIlo.StartInProcessAsync(o => o with { TimeProvider = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 21, 30, 0, TimeSpan.Zero)) });
        using var client = TestIloClient.Create(fleet);
        var existing = Path.Combine(_directory, $"HPE_{fleet[0].Identity.ServerSerial}_20261123_2130.bak");
        await File.WriteAllTextAsync(existing, "older");
        // Named as a file: refused. Into the folder: the name is taken, so the new backup is -2 (issue 15).
        await Assert.ThrowsAsync<IOException>(() =>
            new BackupOperation(client).RunAsync(new BackupRequest(), new FolderSink(existing), null, CancellationToken.None));
        Assert.Equal("older", await File.ReadAllTextAsync(existing));
        var second = await new BackupOperation(client).RunAsync(new BackupRequest(), new FolderSink(_directory), null, CancellationToken.None);
        Assert.Equal(existing[..^4] + "-2.bak", second.FilePath);
        Assert.Equal("older", await File.ReadAllTextAsync(existing));
        foreach (var file in Directory.GetFiles(_directory))
        {
            File.Delete(file);
        }

        using var errorWith200 = ErrorBodyWith200(fleet);
        await Assert.ThrowsAsync<Redfish.Errors.RedfishProtocolException>(() =>
            new BackupOperation(client).RunAsync(new BackupRequest(), new FolderSink(_directory), null, CancellationToken.None));
        Assert.Empty(Directory.GetFiles(_directory));
        Assert.Equal(0, fleet[0].Sessions.Count);
    }

    [Fact]
    public async Task Cancelling_mid_download_leaves_no_file_and_no_session()
    {
        await using var fleet = await TestIlo.StartInProcessAsync();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stall = fleet.Overrides.StallDownloads(started, gate.Task);
        using var logouts = fleet.Overrides.CountAnswers(
            c => Microsoft.AspNetCore.Http.HttpMethods.IsDelete(c.Request.Method) && c.Request.Path.StartsWithSegments("/redfish/v1/SessionService/Sessions", StringComparison.OrdinalIgnoreCase),
            200, out var logoutCount);
        using var client = TestIloClient.Create(fleet);
        using var cancel = new CancellationTokenSource();
        var run = new BackupOperation(client).RunAsync(new BackupRequest(), new FolderSink(_directory), null, cancel.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Empty(Directory.GetFiles(_directory, "*", SearchOption.AllDirectories));
        Assert.Equal(0, fleet[0].Sessions.Count);
        Assert.Equal(1, logoutCount());
        gate.TrySetResult();
    }

    /// <summary>Backup downloads answer 200 with a Redfish error body (what iLOrest would save as a backup).</summary>
    private static IDisposable ErrorBodyWith200(EmulatorFleet fleet) => fleet.Overrides.Add(
        (c, _) => c.Request.Path.StartsWithSegments("/bkupdata", StringComparison.OrdinalIgnoreCase),
        (context, _, _) =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json; charset=utf-8";
            var error = new JsonObject { ["error"] = new JsonObject { ["@Message.ExtendedInfo"] = new JsonArray(new JsonObject { ["MessageId"] = "Base.1.12.InternalError" }) } };
            return context.Response.Body.WriteAsync(System.Text.Encoding.UTF8.GetBytes(error.ToJsonString())).AsTask();
        });

    private sealed class Sync<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
