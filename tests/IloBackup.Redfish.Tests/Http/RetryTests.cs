using IloBackup.Redfish.Errors;
using IloBackup.TestSupport;
using IloBackup.TestSupport.FakeIlo;
using Microsoft.Extensions.Time.Testing;

namespace IloBackup.Redfish.Tests.Http;

public sealed class RetryTests
{
    [Fact]
    public async Task A_503_is_retried_after_its_Retry_After()
    {
        await using var fake = await FakeIlo.StartInProcessAsync();
        fake.Unavailable = 1;
        fake.RetryAfterSeconds = 7;
        var time = new FakeTimeProvider();
        using var client = FakeIloClient.Create(fake, time: time);
        var root = client.GetServiceRootAsync(CancellationToken.None);
        await Polling.UntilAsync(() => fake.Requests.Count == 1, "first request");

        // Polly arms its delay timer a moment after the 503 arrives: advance in steps and note when the retry came.
        var advanced = TimeSpan.Zero;
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (fake.Requests.Count < 2)
        {
            budget.Token.ThrowIfCancellationRequested();
            time.Advance(TimeSpan.FromMilliseconds(500));
            advanced += TimeSpan.FromMilliseconds(500);
            await Task.Delay(5, CancellationToken.None);
        }

        Assert.True(advanced >= TimeSpan.FromSeconds(7), $"retried after {advanced}");
        var body = await root.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("HPE", body["Vendor"]!.GetValue<string>());
        Assert.Equal(2, fake.Requests.Count);
    }

    [Fact]
    public async Task Retries_give_up_with_the_transient_error()
    {
        await using var fake = await FakeIlo.StartInProcessAsync();
        fake.Unavailable = 100;
        fake.RetryAfterSeconds = 0;
        using var client = FakeIloClient.Create(fake, options: new RedfishClientOptions { MaxRetries = 2, RetryDelay = TimeSpan.Zero });
        var error = await Assert.ThrowsAsync<RedfishHttpException>(() => client.GetServiceRootAsync(CancellationToken.None));
        Assert.True(error.IsTransient);
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.True(error.HasMessage("ServiceTemporarilyUnavailable"));
        Assert.Equal(3, fake.Requests.Count);
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
}
