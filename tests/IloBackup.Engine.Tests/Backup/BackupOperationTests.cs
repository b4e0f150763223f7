using System.Security.Cryptography;
using IloBackup.Engine.Backup;
using IloBackup.Engine.Metadata;
using IloBackup.TestSupport.FakeIlo;
using IloBackup.TestSupport.Logging;

namespace IloBackup.Engine.Tests.Backup;

public sealed class BackupOperationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ilobackup-engine-").FullName;

    public void Dispose() => Directory.Delete(_directory, true);

    [Fact]
    public async Task Writes_the_iLO_file_name_with_metadata_and_a_snapshot_without_secrets()
    {
        await using var fake = await FakeIlo.StartInProcessAsync();
        var logs = new CapturingLoggerProvider();
        using var client = FakeIloClient.Create(fake, logs: logs);
        var stages = new List<BackupStage>();
        using var sink = new FolderSink(_directory);
        var result = await new BackupOperation(client, logs.CreateLogger("test"))
            .RunAsync(new BackupRequest { Tool = "test" }, sink, new Sync<BackupProgress>(p => stages.Add(p.Stage)), CancellationToken.None);

        Assert.Equal(Path.Combine(_directory, "HPE_MXQ78407Z2_20261123_2130.bak"), result.FilePath);
        Assert.Equal(result.FilePath, sink.FilePath);
        Assert.Equal(result.FilePath + ".json", sink.MetadataPath);
        var bytes = await File.ReadAllBytesAsync(result.FilePath);
        var metadata = await BackupMetadataFile.TryReadAsync(result.FilePath, CancellationToken.None);
        Assert.NotNull(metadata);
        Assert.Equal("MXQ78407Z2", metadata.Identity.SerialNumber);
        Assert.Equal("867959-B21", metadata.Identity.ProductId);
        Assert.Equal("ProLiant DL360 Gen10 Plus", metadata.Identity.ProductName);
        Assert.Equal("iLO 5", metadata.Identity.IloGeneration);
        Assert.Equal("2.78", metadata.Identity.FirmwareVersion);
        Assert.Equal(bytes.Length, metadata.SizeBytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), metadata.Sha256);
        Assert.False(metadata.PasswordProtected);
        var snapshot = metadata.Snapshot!.ToJsonString();
        Assert.Contains("ilo-rack1", snapshot, StringComparison.Ordinal);
        Assert.Contains("\"RoleId\":\"Administrator\"", snapshot, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeIloCredentials.AdminPassword, snapshot, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Password\"", snapshot, StringComparison.Ordinal);
        Assert.Contains("\"MinPasswordLength\":8", snapshot, StringComparison.Ordinal);
        Assert.DoesNotContain("PowerState", snapshot, StringComparison.Ordinal);
        Assert.DoesNotContain("MACAddress", snapshot, StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(_directory).Length);
        Assert.Empty(fake.Sessions);
        Assert.Contains(BackupStage.Downloading, stages);
        Assert.DoesNotContain(FakeIloCredentials.AdminPassword, logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_snapshot_and_an_explicit_file_name()
    {
        await using var fake = await FakeIlo.StartInProcessAsync();
        using var client = FakeIloClient.Create(fake);
        var target = Path.Combine(_directory, "sub", "mine.bak");
        var result = await new BackupOperation(client).RunAsync(new BackupRequest { IncludeSnapshot = false, FilePassword = "pw" }, new FolderSink(target), null, CancellationToken.None);
        Assert.Equal(target, result.FilePath);
        Assert.Null(result.Metadata.Snapshot);
        Assert.True(result.Metadata.PasswordProtected);
        Assert.DoesNotContain(fake.Requests, r => r.Contains("AccountService", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Discovery_is_read_once_per_session_and_no_expand_is_sent_to_an_iLO_that_does_not_offer_it()
    {
        await using var fake = await FakeIlo.StartInProcessAsync();
        using var client = FakeIloClient.Create(fake);
        var result = await new BackupOperation(client).RunAsync(new BackupRequest(), new FolderSink(_directory), null, CancellationToken.None);

        Assert.NotNull(result.Metadata.Snapshot);
        Assert.Equal([Path.GetFileName(result.FilePath), Path.GetFileName(result.FilePath) + ".json"], Directory.GetFiles(_directory).Select(Path.GetFileName).Order());
        var requests = fake.Requests.ToList();
        Assert.Single(requests, r => r == "GET /redfish/v1/Managers/");
        Assert.Single(requests, r => r == "GET /redfish/v1/Managers/1/");
        Assert.Single(requests, r => r == "GET /redfish/v1/Systems/");
        Assert.Single(requests, r => r == "GET /redfish/v1/Systems/1/"); // identity and power settings
        // The fake advertises no ExpandQuery: its accounts are read one by one, without $expand.
        Assert.DoesNotContain(requests, r => r.Contains("$expand", StringComparison.Ordinal));
        Assert.Contains("GET /redfish/v1/AccountService/Accounts/admin/", requests);
        Assert.Contains("GET /redfish/v1/AccountService/Accounts/operator/", requests);
        var accounts = result.Metadata.Snapshot["sections"]!["accounts"]!["Accounts"]!.AsObject();
        Assert.Equal(["admin", "operator"], accounts.Select(a => a.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_existing_file_is_not_overwritten_and_nothing_is_left_on_failure()
    {
        await using var fake = await FakeIlo.StartInProcessAsync();
        using var client = FakeIloClient.Create(fake);
        var existing = Path.Combine(_directory, "HPE_MXQ78407Z2_20261123_2130.bak");
        await File.WriteAllTextAsync(existing, "older");
        await Assert.ThrowsAsync<IOException>(() =>
            new BackupOperation(client).RunAsync(new BackupRequest(), new FolderSink(_directory), null, CancellationToken.None));
        Assert.Equal("older", await File.ReadAllTextAsync(existing));
        File.Delete(existing);

        fake.DownloadFault = DownloadFault.ErrorBodyWith200;
        await Assert.ThrowsAsync<Redfish.Errors.RedfishProtocolException>(() =>
            new BackupOperation(client).RunAsync(new BackupRequest(), new FolderSink(_directory), null, CancellationToken.None));
        Assert.Empty(Directory.GetFiles(_directory));
        Assert.Empty(fake.Sessions);
    }

    [Fact]
    public async Task Cancelling_mid_download_leaves_no_file_and_no_session()
    {
        await using var fake = await FakeIlo.StartInProcessAsync();
        fake.DownloadGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var client = FakeIloClient.Create(fake);
        using var cancel = new CancellationTokenSource();
        var run = new BackupOperation(client).RunAsync(new BackupRequest(), new FolderSink(_directory), null, cancel.Token);
        await fake.DownloadStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Empty(Directory.GetFiles(_directory, "*", SearchOption.AllDirectories));
        Assert.Empty(fake.Sessions);
        Assert.Equal(1, fake.Logouts);
    }

    private sealed class Sync<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
