using System.Net.Sockets;
using IloBackup.Engine.Backup;
using IloBackup.Engine.Restore;
using IloBackup.Redfish;
using IloBackup.Redfish.Credentials;
using IloBackup.Emulator.Hosting;
using IloBackup.TestSupport.Emulation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace IloBackup.Engine.Tests.Restore;

/// <summary>
/// Issue 4's "Transport endpoint is not connected" (ENOTCONN) at the end of a 64 MiB restore while the
/// iLO reset: the socket errors .NET produces, in the shapes it produces them (wrapped in
/// <see cref="HttpRequestException"/>, as a bare <see cref="IOException"/> over a <see cref="SocketException"/>,
/// or a bare <see cref="SocketException"/>, as SocketsHttpHandler lets ENOTCONN escape from a connection the
/// peer reset at once), during the restore upload and after it. During: "outcome unknown: the iLO may be
/// applying it", one upload and never a second. After: the iLO is away (resetting), waited for, and the
/// restore completes.
/// </summary>
public sealed class SocketErrorsDuringRestoreTests : IDisposable
{
    private const string PushUri = "/cgi-bin/uploadRestoreFile";
    private readonly string _directory = Directory.CreateTempSubdirectory("ilobackup-socket-").FullName;

    public enum Shape
    {
        /// <summary>SocketsHttpHandler's usual form: HttpRequestException → IOException → SocketException.</summary>
        Wrapped,

        /// <summary>An IOException over the SocketException, unwrapped.</summary>
        IoException,

        /// <summary>A bare SocketException (ENOTCONN from Socket.RemoteEndPoint after the peer's reset).</summary>
        Bare,
    }

    public void Dispose() => Directory.Delete(_directory, true);

    public static TheoryData<Shape, SocketError, bool> UploadCases()
    {
        var cases = new TheoryData<Shape, SocketError, bool>();
        foreach (var shape in Enum.GetValues<Shape>())
        {
            foreach (var error in new[] { SocketError.NotConnected, SocketError.ConnectionReset, SocketError.Shutdown })
            {
                cases.Add(shape, error, false); // cut in the middle of the body: the iLO has not applied it
                cases.Add(shape, error, true); // the whole body arrived and the iLO applied it; the answer was lost
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(UploadCases))]
    public async Task A_socket_error_during_the_upload_is_outcome_unknown_and_never_retried(Shape shape, SocketError error, bool applied)
    {
        await using var fake = await TestIlo.StartInProcessAsync(o => o.WithShortReset());
        using var restores = CountRestores(fake, out var restoreCount);
        var faults = new SocketFaultHandler(fake.CreateHandler(0));
        using var client = Client(fake, faults);
        var backup = await new BackupOperation(client).RunAsync(new BackupRequest(), new FolderSink(_directory), null, CancellationToken.None);
        var restore = new RestoreOperation(client);
        var plan = await restore.PlanAsync(Fast(backup.FilePath), CancellationToken.None);
        faults.FailUpload = (Fail(shape, error), applied);

        var unknown = await Assert.ThrowsAsync<RestoreOutcomeUnknownException>(() => restore.ExecuteAsync(plan, null, CancellationToken.None));

        Assert.Contains("the iLO may be applying it", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("Do not upload again right away", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(1, faults.Uploads);
        if (applied)
        {
            // The override counts the 200 once the emulator has finished the answer, which may be
            // just after the client saw it (and failed): wait for the count, never a time.
            await IloBackup.TestSupport.Polling.UntilAsync(() => restoreCount() == 1, "the applied restore counted", 60_000);
        }

        Assert.Equal(applied ? 1 : 0, restoreCount());
    }

    [Theory]
    [InlineData(Shape.Wrapped, SocketError.ConnectionReset)]
    [InlineData(Shape.IoException, SocketError.Shutdown)]
    [InlineData(Shape.Bare, SocketError.NotConnected)]
    [InlineData(Shape.Bare, SocketError.ConnectionReset)]
    public async Task Socket_errors_after_the_upload_are_the_iLO_resetting_and_the_restore_completes(Shape shape, SocketError error)
    {
        await using var fake = await TestIlo.StartInProcessAsync(o => o.WithShortReset());
        using var restores = CountRestores(fake, out var restoreCount);
        var faults = new SocketFaultHandler(fake.CreateHandler(0));
        using var client = Client(fake, faults);
        var backup = await new BackupOperation(client).RunAsync(new BackupRequest(), new FolderSink(_directory), null, CancellationToken.None);
        var hostName = fake[0].Configuration.Network.HostName;
        fake[0].UpdateConfiguration(c => c with { Network = c.Network with { HostName = "changed-after-backup" } });
        var restore = new RestoreOperation(client);
        var plan = await restore.PlanAsync(Fast(backup.FilePath), CancellationToken.None);
        faults.AfterUpload = (Fail(shape, error), 8);

        var result = await restore.ExecuteAsync(plan, null, CancellationToken.None);

        Assert.Equal(1, faults.Uploads);
        Assert.Equal(1, restoreCount());
        Assert.Equal(0, faults.AfterUpload.Remaining);
        Assert.True(result.ResetObserved);
        Assert.True(result.IdentityMatches);
        Assert.Equal(hostName, fake[0].Configuration.Network.HostName);
    }

    private static RestoreRequest Fast(string file) => new()
    {
        FilePath = file, PollInterval = TimeSpan.FromMilliseconds(5), Deadline = TimeSpan.FromSeconds(20),
    };

    private static IDisposable CountRestores(EmulatorFleet fleet, out Func<int> count) => fleet.Overrides.CountAnswers(
        c => HttpMethods.IsPost(c.Request.Method) && c.Request.Path.Equals(PushUri, StringComparison.OrdinalIgnoreCase), StatusCodes.Status200OK, out count);

    private static RedfishClient Client(EmulatorFleet fake, HttpMessageHandler handler) =>
        RedfishClient.CreateBuilder(RedfishEndpoint.Parse(fake.BaseAddress().ToString()))
            .WithHttpMessageHandler(handler)
            .WithCredentials(new RedfishCredential(TestIlo.AdminUser, TestIlo.AdminPassword))
            .WithOptions(new RedfishClientOptions { RetryDelay = TimeSpan.Zero, MaxRetries = 2 })
            .WithLoggerFactory(NullLoggerFactory.Instance)
            .Build();

    /// <summary>The exception .NET raises for <paramref name="error"/>, in the given shape.</summary>
    private static Func<Exception> Fail(Shape shape, SocketError error) => shape switch
    {
        Shape.Wrapped => () => new HttpRequestException(HttpRequestError.Unknown, "Error while copying content to a stream.",
            new IOException("Unable to write data to the transport connection.", new SocketException((int)error))),
        Shape.IoException => () => new IOException("Unable to write data to the transport connection.", new SocketException((int)error)),
        _ => () => new SocketException((int)error),
    };

    /// <summary>Passes requests to the emulated iLO, failing the restore upload or the requests after it as told.</summary>
    private sealed class SocketFaultHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int _uploads;

        public (Func<Exception> Fail, bool Applied)? FailUpload { get; set; }

        public (Func<Exception> Fail, int Remaining) AfterUpload { get; set; }

        public int Uploads => Volatile.Read(ref _uploads);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath.Equals(PushUri, StringComparison.OrdinalIgnoreCase))
            {
                Interlocked.Increment(ref _uploads);
                if (FailUpload is { } upload)
                {
                    if (upload.Applied)
                    {
                        using var answered = await base.SendAsync(request, cancellationToken);
                        throw upload.Fail();
                    }

                    // Part of the body leaves, then the connection fails.
                    var body = await request.Content!.ReadAsStreamAsync(cancellationToken);
                    await body.ReadExactlyAsync(new byte[64], cancellationToken);
                    throw upload.Fail();
                }

                return await base.SendAsync(request, cancellationToken);
            }

            if (Uploads > 0 && AfterUpload.Remaining > 0)
            {
                AfterUpload = (AfterUpload.Fail, AfterUpload.Remaining - 1);
                throw AfterUpload.Fail();
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
