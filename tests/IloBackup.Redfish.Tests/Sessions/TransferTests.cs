using System.Security.Cryptography;
using System.Text;
using IloBackup.Emulator.Faults;
using IloBackup.Emulator.Hosting;
using IloBackup.Redfish.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Net.Http.Headers;

namespace IloBackup.Redfish.Tests.Sessions;

/// <summary>Downloads and restore uploads against the emulator, and its misbehaving downloads (route overrides and faults).</summary>
public sealed class TransferTests : IDisposable
{
    private const string PushUri = "/cgi-bin/uploadRestoreFile";
    private readonly string _directory = Directory.CreateTempSubdirectory("ilobackup-transfer-").FullName;

    public enum BadDownload
    {
        ErrorBodyWith200,
        WrongContentType,
        ServerError,
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Download_streams_hashes_and_renames_into_place()
    {
        await using var fleet = await StartAsync();
        using var client = EmulatedIlo.Client(fleet);
        await using var session = await client.LoginAsync(CancellationToken.None);
        var target = Path.Combine(_directory, "out.bak");
        long reported = 0;
        var result = await session.DownloadAsync(await LocationAsync(session), target, null, overwrite: false,
            new SyncProgress(n => reported = n), CancellationToken.None);

        var bytes = await File.ReadAllBytesAsync(target);
        Assert.Equal(bytes.Length, result.Length);
        Assert.True(bytes.Length > 200_000);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), result.Sha256);
        Assert.Equal(bytes.Length, reported);
        Assert.Equal(["out.bak"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(BadDownload.ErrorBodyWith200, typeof(RedfishProtocolException))]
    [InlineData(BadDownload.WrongContentType, typeof(RedfishProtocolException))]
    [InlineData(BadDownload.ServerError, typeof(RedfishHttpException))]
    public async Task A_bad_answer_is_never_saved_as_a_backup(BadDownload fault, Type expected)
    {
        await using var fleet = await StartAsync();
        using var bad = fleet.Overrides.Add((c, _) => IsDownload(c), (context, _, next) => AnswerBadlyAsync(context, next, fault));
        using var client = EmulatedIlo.Client(fleet, options: new RedfishClientOptions { MaxRetries = 0 });
        await using var session = await client.LoginAsync(CancellationToken.None);
        var location = await LocationAsync(session);
        var error = await Assert.ThrowsAnyAsync<RedfishException>(() =>
            session.DownloadAsync(location, Path.Combine(_directory, "out.bak"), null, false, null, CancellationToken.None));
        Assert.IsType(expected, error);
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task A_short_body_is_refused_and_leaves_no_file()
    {
        await using var fleet = await StartAsync(o => o with { Listen = true, UseHttps = false });
        IloFaults.Of(fleet[0]).Set([new FaultSpec { Kind = FaultKind.TruncatedBackup }], seed: 1);
        using var client = RedfishClient.CreateBuilder(RedfishEndpoint.Parse(fleet[0].BaseUrl.ToString()))
            .WithCredentials(new Credentials.RedfishCredential(fleet.AdminUser, EmulatedIlo.Password))
            .WithOptions(new RedfishClientOptions { MaxRetries = 0 })
            .Build();
        await using var session = await client.LoginAsync(CancellationToken.None);
        var location = await LocationAsync(session);
        var error = await Assert.ThrowsAnyAsync<RedfishException>(() =>
            session.DownloadAsync(location, Path.Combine(_directory, "out.bak"), null, false, null, CancellationToken.None));
        Assert.True(error is RedfishProtocolException or RedfishUnreachableException, error.ToString());
        Assert.True(error.IsTransient);
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task A_stalled_download_times_out_distinctly_from_cancellation()
    {
        await using var fleet = await StartAsync();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stall = fleet.Overrides.StallDownloads(started, gate.Task);
        var time = new FakeTimeProvider();
        using var client = EmulatedIlo.Client(fleet, time: time,
            options: new RedfishClientOptions { MaxRetries = 0, TransferIdleTimeout = TimeSpan.FromSeconds(30) });
        await using var session = await client.LoginAsync(CancellationToken.None);
        var download = session.DownloadAsync(await LocationAsync(session), Path.Combine(_directory, "out.bak"), null, false, null, CancellationToken.None);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
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
        gate.TrySetResult();
    }

    [Fact]
    public async Task Cancellation_mid_download_leaves_no_file()
    {
        await using var fleet = await StartAsync();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stall = fleet.Overrides.StallDownloads(started, gate.Task);
        using var client = EmulatedIlo.Client(fleet);
        using var cancel = new CancellationTokenSource();
        await using var session = await client.LoginAsync(CancellationToken.None);
        var download = session.DownloadAsync(await LocationAsync(session), Path.Combine(_directory, "out.bak"), null, false, null, cancel.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => download);
        Assert.Empty(Directory.GetFiles(_directory));
        gate.TrySetResult();
    }

    [Fact]
    public async Task Password_protected_download_posts_the_form_and_restore_sends_parts_in_order()
    {
        await using var fleet = await StartAsync();
        var parts = new List<string>();
        var count = 0;
        using var order = fleet.Overrides.Add(0, "POST", PushUri, async (context, _, next) =>
        {
            parts.AddRange(await PartNamesAsync(context.Request));
            await next(context);
            if (context.Response.StatusCode == StatusCodes.Status200OK)
            {
                Interlocked.Increment(ref count);
            }
        });
        using var log = fleet.Overrides.RecordRequests(out var requests);
        using var client = EmulatedIlo.Client(fleet);
        var target = Path.Combine(_directory, "protected.bak");
        await using (var session = await client.LoginAsync(CancellationToken.None))
        {
            var location = await LocationAsync(session);
            await session.DownloadAsync(location, target, "file-pw", false, null, CancellationToken.None);
            Assert.Contains($"POST {location}", requests);
            await session.UploadRestoreFileAsync(PushUri, target, "file-pw", null, CancellationToken.None);
        }

        // The server counts after its answer is sent: the client may have read the answer before then.
        await IloBackup.TestSupport.Polling.UntilAsync(() => Volatile.Read(ref count) >= 1, "the restore's 200 counted");
        Assert.Equal(1, Volatile.Read(ref count));
        Assert.Equal(["sessionKey", "password", "file"], parts.TakeLast(3));
    }

    [Fact]
    public async Task Wrong_file_password_is_explained_and_never_retried()
    {
        await using var fleet = await StartAsync();
        using var restores = CountRestores(fleet, out var count);
        using var client = EmulatedIlo.Client(fleet);
        var target = Path.Combine(_directory, "protected.bak");
        await using var session = await client.LoginAsync(CancellationToken.None);
        await session.DownloadAsync(await LocationAsync(session), target, "file-pw", false, null, CancellationToken.None);
        var error = await Assert.ThrowsAsync<RedfishHttpException>(() =>
            session.UploadRestoreFileAsync(PushUri, target, "wrong", null, CancellationToken.None));
        Assert.Contains("password-protected", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, count());
    }

    [Fact]
    public async Task A_restore_upload_answered_503_is_not_retried()
    {
        await using var fleet = await StartAsync();
        using var restores = CountRestores(fleet, out var count);
        using var log = fleet.Overrides.RecordRequests(out var requests);
        using var client = EmulatedIlo.Client(fleet);
        var target = Path.Combine(_directory, "x.bak");
        await using var session = await client.LoginAsync(CancellationToken.None);
        await session.DownloadAsync(await LocationAsync(session), target, null, false, null, CancellationToken.None);
        IloFaults.Of(fleet[0]).Set([new FaultSpec { Kind = FaultKind.Unavailable, Times = 1 }], seed: 1);
        var error = await Assert.ThrowsAsync<RedfishHttpException>(() =>
            session.UploadRestoreFileAsync(PushUri, target, null, null, CancellationToken.None));
        Assert.True(error.IsTransient);
        Assert.Single(requests, r => r == "POST " + PushUri);
        Assert.Equal(0, count());
    }

    /// <summary>Backups padded past 200 KB, so a download spans several buffers.</summary>
    private static Task<EmulatorFleet> StartAsync(Func<EmulatorOptions, EmulatorOptions>? configure = null) =>
        EmulatedIlo.StartAsync(o => (configure?.Invoke(o) ?? o) with { BackupRestore = o.BackupRestore with { BackupPaddingBytes = 200_000 } });

    private static async Task<string> LocationAsync(Redfish.Sessions.RedfishSession session) =>
        (await session.GetAsync("/redfish/v1/Managers/1/BackupRestoreService/", CancellationToken.None))["BackupFileLocation"]!.GetValue<string>();

    private static bool IsDownload(HttpContext context) => context.Request.Path.StartsWithSegments("/bkupdata", StringComparison.OrdinalIgnoreCase);

    private static IDisposable CountRestores(EmulatorFleet fleet, out Func<int> count) =>
        fleet.Overrides.CountAnswers(c => HttpMethods.IsPost(c.Request.Method) && c.Request.Path.Equals(PushUri, StringComparison.OrdinalIgnoreCase), StatusCodes.Status200OK, out count);

    private static async Task AnswerBadlyAsync(HttpContext context, RequestDelegate next, BadDownload fault)
    {
        var error = Encoding.UTF8.GetBytes("""{"error":{"code":"iLO.0.10.ExtendedInfo","@Message.ExtendedInfo":[{"MessageId":"Base.1.12.InternalError"}]}}""");
        switch (fault)
        {
            case BadDownload.ErrorBodyWith200:
            case BadDownload.ServerError:
                context.Response.StatusCode = fault == BadDownload.ServerError ? 500 : 200;
                context.Response.ContentType = "application/json; charset=utf-8";
                await context.Response.Body.WriteAsync(error);
                return;
            default:
                var original = context.Response.Body;
                using (var buffer = new MemoryStream())
                {
                    context.Response.Body = buffer;
                    await next(context);
                    context.Response.Body = original;
                    context.Response.ContentType = "text/html";
                    await original.WriteAsync(buffer.ToArray());
                }

                return;
        }
    }

    private static async Task<List<string>> PartNamesAsync(HttpRequest request)
    {
        request.EnableBuffering();
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Boundary).Value!;
        var reader = new MultipartReader(boundary, request.Body);
        var names = new List<string>();
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            names.Add(HeaderUtilities.RemoveQuotes(ContentDispositionHeaderValue.Parse(section.ContentDisposition).Name).Value!);
        }

        request.Body.Position = 0;
        return names;
    }

    private sealed class SyncProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
