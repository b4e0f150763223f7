using System.Security.Cryptography;
using IloBackup.Redfish.Errors;
using IloBackup.TestSupport.FakeIlo;
using Microsoft.Extensions.Time.Testing;

namespace IloBackup.Redfish.Tests.Sessions;

public sealed class TransferTests : IDisposable
{
    private const string Location = "/bkupdata/HPE_MXQ78407Z2_20261123_2130.bak";
    private readonly string _directory = Directory.CreateTempSubdirectory("ilobackup-transfer-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Download_streams_hashes_and_renames_into_place()
    {
        await using var fake = await FakeIlo.StartInProcessAsync();
        using var client = FakeIloClient.Create(fake);
        await using var session = await client.LoginAsync(CancellationToken.None);
        var target = Path.Combine(_directory, "out.bak");
        long reported = 0;
        var result = await session.DownloadAsync(Location, target, null, overwrite: false,
            new SyncProgress(n => reported = n), CancellationToken.None);

        var bytes = await File.ReadAllBytesAsync(target);
        Assert.Equal(bytes.Length, result.Length);
        Assert.True(bytes.Length > 200_000);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), result.Sha256);
        Assert.Equal(bytes.Length, reported);
        Assert.Equal(["out.bak"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(DownloadFault.ErrorBodyWith200, typeof(RedfishProtocolException))]
    [InlineData(DownloadFault.WrongContentType, typeof(RedfishProtocolException))]
    [InlineData(DownloadFault.ServerError, typeof(RedfishHttpException))]
    public async Task A_bad_answer_is_never_saved_as_a_backup(DownloadFault fault, Type expected)
    {
        await using var fake = await FakeIlo.StartInProcessAsync();
        fake.DownloadFault = fault;
        using var client = FakeIloClient.Create(fake, options: new RedfishClientOptions { MaxRetries = 0 });
        await using var session = await client.LoginAsync(CancellationToken.None);
        var error = await Assert.ThrowsAnyAsync<RedfishException>(() =>
            session.DownloadAsync(Location, Path.Combine(_directory, "out.bak"), null, false, null, CancellationToken.None));
        Assert.IsType(expected, error);
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task A_short_body_is_refused_and_leaves_no_file()
    {
        await using var fake = await FakeIlo.StartKestrelAsync(null);
        fake.DownloadFault = DownloadFault.ShortBody;
        using var client = RedfishClient.CreateBuilder(RedfishEndpoint.Parse(fake.BaseAddress.ToString()))
            .WithCredentials(new Credentials.RedfishCredential(FakeIloCredentials.AdminUser, FakeIloCredentials.AdminPassword))
            .WithOptions(new RedfishClientOptions { MaxRetries = 0 })
            .Build();
        await using var session = await client.LoginAsync(CancellationToken.None);
        var error = await Assert.ThrowsAnyAsync<RedfishException>(() =>
            session.DownloadAsync(Location, Path.Combine(_directory, "out.bak"), null, false, null, CancellationToken.None));
        Assert.True(error is RedfishProtocolException or RedfishUnreachableException, error.ToString());
        Assert.True(error.IsTransient);
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task A_stalled_download_times_out_distinctly_from_cancellation()
    {
        await using var fake = await FakeIlo.StartInProcessAsync();
        fake.DownloadGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var time = new FakeTimeProvider();
        using var client = FakeIloClient.Create(fake, time: time,
            options: new RedfishClientOptions { MaxRetries = 0, TransferIdleTimeout = TimeSpan.FromSeconds(30) });
        await using var session = await client.LoginAsync(CancellationToken.None);
        var download = session.DownloadAsync(Location, Path.Combine(_directory, "out.bak"), null, false, null, CancellationToken.None);
        await fake.DownloadStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await TestSupport.Polling.UntilAsync(() => Directory.GetFiles(_directory, "*.partial").Length == 1, "temp file");
        // The idle timer is re-armed before each read: advance until it fires (bounded), never a real sleep.
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!download.IsCompleted)
        {
            budget.Token.ThrowIfCancellationRequested();
            time.Advance(TimeSpan.FromSeconds(31));
            await Task.Delay(5, CancellationToken.None);
        }

        var error = await Assert.ThrowsAsync<RedfishTimeoutException>(() => download);
        Assert.True(error.IsTransient);
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task Cancellation_mid_download_leaves_no_file()
    {
        await using var fake = await FakeIlo.StartInProcessAsync();
        fake.DownloadGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var client = FakeIloClient.Create(fake);
        using var cancel = new CancellationTokenSource();
        await using var session = await client.LoginAsync(CancellationToken.None);
        var download = session.DownloadAsync(Location, Path.Combine(_directory, "out.bak"), null, false, null, cancel.Token);
        await fake.DownloadStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => download);
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task Password_protected_download_posts_the_form_and_restore_sends_parts_in_order()
    {
        await using var fake = await FakeIlo.StartInProcessAsync();
        using var client = FakeIloClient.Create(fake);
        var target = Path.Combine(_directory, "protected.bak");
        await using (var session = await client.LoginAsync(CancellationToken.None))
        {
            await session.DownloadAsync(Location, target, "file-pw", false, null, CancellationToken.None);
            Assert.Contains($"POST {Location}", fake.Requests);
            await session.UploadRestoreFileAsync("/cgi-bin/uploadRestoreFile", target, "file-pw", null, CancellationToken.None);
        }

        Assert.Equal(1, fake.Restores);
        Assert.Equal(["sessionKey", "password", "file"], fake.MultipartOrder.TakeLast(3));
    }

    [Fact]
    public async Task Wrong_file_password_is_explained_and_never_retried()
    {
        await using var fake = await FakeIlo.StartInProcessAsync();
        using var client = FakeIloClient.Create(fake);
        var target = Path.Combine(_directory, "protected.bak");
        await using var session = await client.LoginAsync(CancellationToken.None);
        await session.DownloadAsync(Location, target, "file-pw", false, null, CancellationToken.None);
        var error = await Assert.ThrowsAsync<RedfishHttpException>(() =>
            session.UploadRestoreFileAsync("/cgi-bin/uploadRestoreFile", target, "wrong", null, CancellationToken.None));
        Assert.Contains("password-protected", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, fake.Restores);
    }

    [Fact]
    public async Task A_restore_upload_answered_503_is_not_retried()
    {
        await using var fake = await FakeIlo.StartInProcessAsync();
        using var client = FakeIloClient.Create(fake);
        var target = Path.Combine(_directory, "x.bak");
        await using var session = await client.LoginAsync(CancellationToken.None);
        await session.DownloadAsync(Location, target, null, false, null, CancellationToken.None);
        fake.Unavailable = 1;
        var error = await Assert.ThrowsAsync<RedfishHttpException>(() =>
            session.UploadRestoreFileAsync("/cgi-bin/uploadRestoreFile", target, null, null, CancellationToken.None));
        Assert.True(error.IsTransient);
        Assert.Single(fake.Requests, r => r == "POST /cgi-bin/uploadRestoreFile");
        Assert.Equal(0, fake.Restores);
    }

    private sealed class SyncProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
