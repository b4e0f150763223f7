using IloBackup.Emulator.Faults;
using IloBackup.Emulator.Hosting;
using IloBackup.Redfish.Errors;
using IloBackup.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace IloBackup.Redfish.Tests.Http;

public sealed class RetryTests
{
    [Fact]
    public async Task A_503_is_retried_after_its_Retry_After()
    {
        await using var fleet = await EmulatedIlo.StartAsync();
        Busy(fleet, times: 1, retryAfterSeconds: 7);
        using var log = fleet.Overrides.RecordRequests(out var requests);
        var time = new FakeTimeProvider();
        using var client = EmulatedIlo.Client(fleet, time: time);
        var root = client.GetServiceRootAsync(CancellationToken.None);
        await Polling.UntilAsync(() => requests.Count == 1, "first request");

        // Polly arms its delay timer a moment after the 503 arrives: advance in steps and note when the retry came.
        var advanced = TimeSpan.Zero;
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (requests.Count < 2)
        {
            budget.Token.ThrowIfCancellationRequested();
            time.Advance(TimeSpan.FromMilliseconds(500));
            advanced += TimeSpan.FromMilliseconds(500);
            await Task.Delay(5, CancellationToken.None);
        }

        Assert.True(advanced >= TimeSpan.FromSeconds(7), $"retried after {advanced}");
        var body = await root.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("HPE", body["Vendor"]!.GetValue<string>());
        Assert.Equal(2, requests.Count);
    }

    [Fact]
    public async Task Retries_give_up_with_the_transient_error()
    {
        await using var fleet = await EmulatedIlo.StartAsync();
        Busy(fleet, times: 100, retryAfterSeconds: 0);
        using var log = fleet.Overrides.RecordRequests(out var requests);
        using var client = EmulatedIlo.Client(fleet, options: new RedfishClientOptions { MaxRetries = 2, RetryDelay = TimeSpan.Zero });
        var error = await Assert.ThrowsAsync<RedfishHttpException>(() => client.GetServiceRootAsync(CancellationToken.None));
        Assert.True(error.IsTransient);
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.True(error.HasMessage("ServiceTemporarilyUnavailable"));
        Assert.Equal(3, requests.Count);
    }

    [Fact]
    public async Task An_unreachable_host_is_told_apart()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = RedfishClient.CreateBuilder(RedfishEndpoint.Parse($"http://127.0.0.1:{port}"))
            .WithOptions(new RedfishClientOptions { MaxRetries = 0 })
            .Build();
        var error = await Assert.ThrowsAsync<RedfishUnreachableException>(() => client.GetServiceRootAsync(CancellationToken.None));
        Assert.Contains("cannot connect", error.Message, StringComparison.Ordinal);
        Assert.True(error.IsTransient);
    }

    /// <summary>The emulator's <c>unavailable</c> fault: the next <paramref name="times"/> requests get 503 with this Retry-After.</summary>
    private static void Busy(EmulatorFleet fleet, int times, int retryAfterSeconds) =>
        IloFaults.Of(fleet[0]).Set([new FaultSpec { Kind = FaultKind.Unavailable, Times = times, Value = retryAfterSeconds }], seed: 1);
}
