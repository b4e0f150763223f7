using System.Net.Sockets;
using IloBackup.Redfish.Credentials;
using IloBackup.Redfish.Errors;
using IloBackup.Emulator.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace IloBackup.Redfish.Tests.Http;

/// <summary>
/// Bare socket errors that escape .NET's HTTP handler unwrapped (ENOTCONN while an iLO resets) are
/// "unreachable" and transient; only idempotent requests, or requests the error proves were never
/// sent, are tried again.
/// </summary>
public sealed class SocketErrorTests
{
    [Theory]
    [InlineData(SocketError.NotConnected)]
    [InlineData(SocketError.ConnectionReset)]
    public async Task A_GET_is_retried_after_a_bare_socket_error(SocketError error)
    {
        await using var fleet = await EmulatedIlo.StartAsync();
        var failing = new FailFirst(fleet.CreateHandler(0), HttpMethod.Get, () => new SocketException((int)error));
        using var client = Client(fleet, failing);
        var root = await client.GetServiceRootAsync(CancellationToken.None);
        Assert.Equal("HPE", root["Vendor"]!.GetValue<string>());
        Assert.Equal(2, failing.Seen);
    }

    [Theory]
    [InlineData(SocketError.NotConnected, true)] // nothing can have been sent on a socket that is not connected
    [InlineData(SocketError.ConnectionReset, false)] // the POST may have reached the iLO: never sent twice
    [InlineData(SocketError.Shutdown, false)] // EPIPE: the same
    public async Task A_POST_is_tried_again_only_when_the_error_proves_it_was_not_sent(SocketError error, bool retried)
    {
        await using var fleet = await EmulatedIlo.StartAsync();
        const string Path = "/redfish/v1/Managers/1/BackupRestoreService/BackupFiles/";
        var failing = new FailFirst(fleet.CreateHandler(0), HttpMethod.Post, () => new IOException("Unable to write data to the transport connection.", new SocketException((int)error)), Path);
        using var client = Client(fleet, failing);
        await using var session = await client.LoginAsync(CancellationToken.None);
        var post = session.PostAsync(Path, new System.Text.Json.Nodes.JsonObject(), CancellationToken.None);
        if (retried)
        {
            await post;
            Assert.Equal(2, failing.Seen);
            return;
        }

        var failure = await Assert.ThrowsAsync<RedfishUnreachableException>(() => post);
        Assert.True(failure.IsTransient);
        Assert.Contains("the connection failed", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, failing.Seen);
    }

    private static RedfishClient Client(EmulatorFleet fleet, HttpMessageHandler handler) =>
        RedfishClient.CreateBuilder(RedfishEndpoint.Parse(fleet[0].BaseUrl.ToString()))
            .WithHttpMessageHandler(handler)
            .WithCredentials(new RedfishCredential(fleet.AdminUser, EmulatedIlo.Password))
            .WithOptions(new RedfishClientOptions { RetryDelay = TimeSpan.Zero, MaxRetries = 2 })
            .WithLoggerFactory(NullLoggerFactory.Instance)
            .Build();

    /// <summary>Throws <paramref name="fail"/> for the first request of <paramref name="method"/>, passes everything else on.</summary>
    private sealed class FailFirst(HttpMessageHandler inner, HttpMethod method, Func<Exception> fail, string? path = null) : DelegatingHandler(inner)
    {
        private int _seen;

        public int Seen => Volatile.Read(ref _seen);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == method && (path is null || request.RequestUri!.AbsolutePath == path) && Interlocked.Increment(ref _seen) == 1)
            {
                throw fail();
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
