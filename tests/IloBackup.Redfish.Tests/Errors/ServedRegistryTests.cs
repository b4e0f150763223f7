using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using IloBackup.Redfish.Credentials;
using IloBackup.Redfish.Errors;
using IloBackup.Redfish.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace IloBackup.Redfish.Tests.Errors;

/// <summary>
/// Issue 14, "Error bodies": a terse error entry (MessageId and MessageArgs, no Message) gets the
/// text of the iLO's own registry, read once per client; whatever goes wrong there, the built-in
/// text. The iLO is the real emulator, its registry changed per test by route overrides.
/// </summary>
public sealed class ServedRegistryTests
{
    private const string IloFile = "/redfish/v1/Registries/iLO";
    private const string IloStore = "/redfish/v1/RegistryStore/registries/en/iLO.json";
    private const string Key = "PropertyNotWritableOrUnknown";
    private const string Distinctive = "Served by this iLO: %1 stays as it is";

    [Fact]
    public async Task A_terse_error_gets_the_text_of_the_ilos_own_registry()
    {
        await using var fleet = await EmulatedIlo.StartAsync();
        using var rewrite = fleet.Overrides.RewriteJson(0, "GET", IloStore, registry => SetText(registry, Distinctive));
        using var client = EmulatedIlo.Client(fleet);
        await using var session = await client.LoginAsync(CancellationToken.None);

        var error = await PatchUnknownAsync(session, "Nope");

        Assert.Equal("iLO.2.14.PropertyNotWritableOrUnknown: Served by this iLO: Nope stays as it is", error.ExtendedInfo[0].ToString());
        Assert.Contains("iLO.2.14.PropertyNotWritableOrUnknown: Served by this iLO: Nope stays as it is", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_registry_is_read_once_per_client_however_many_errors()
    {
        await using var fleet = await EmulatedIlo.StartAsync();
        using var log = fleet.Overrides.RecordRequests(out var requests);
        using var client = EmulatedIlo.Client(fleet);
        await using var session = await client.LoginAsync(CancellationToken.None);

        var errors = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => PatchUnknownAsync(session, "Nope" + i)));
        var missing = await Assert.ThrowsAsync<RedfishHttpException>(() => session.GetAsync("/redfish/v1/Nothing/Here", CancellationToken.None));
        await Assert.ThrowsAsync<RedfishHttpException>(() => session.GetAsync("/redfish/v1/Nothing/There", CancellationToken.None));
        await PatchUnknownAsync(session, "Again");

        // The emulator's own iLO text, not the client's ("%1 is read-only or not a property ...").
        Assert.All(errors, e => Assert.Contains("is either read-only or not a property of this resource", e.Message, StringComparison.Ordinal));
        Assert.StartsWith("Base.1.12.ResourceMissingAtURI", missing.ExtendedInfo[0].ToString(), StringComparison.Ordinal);
        Assert.Equal(1, Count(requests, IloStore));
        Assert.Equal(1, Count(requests, "/redfish/v1/RegistryStore/registries/en/Base.json"));
        Assert.Equal(1, Count(requests, IloFile));
        Assert.Equal(2, Count(requests, "/redfish/v1/Registries"));
    }

    [Fact]
    public async Task A_registry_that_is_not_there_leaves_the_built_in_text_and_is_not_asked_again()
    {
        await using var fleet = await EmulatedIlo.StartAsync();
        using var gone = fleet.Overrides.Add(0, "GET", IloStore, (context, _, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        using var log = fleet.Overrides.RecordRequests(out var requests);
        using var client = EmulatedIlo.Client(fleet);
        await using var session = await client.LoginAsync(CancellationToken.None);

        var first = await PatchUnknownAsync(session, "Nope");
        var second = await PatchUnknownAsync(session, "Nope");

        Assert.Equal("iLO.2.14.PropertyNotWritableOrUnknown: Nope is read-only or not a property of this resource", first.ExtendedInfo[0].ToString());
        Assert.Equal(first.Message, second.Message);
        Assert.Equal(1, Count(requests, IloStore));
    }

    [Fact]
    public async Task A_huge_registry_is_not_read_past_the_json_limit()
    {
        await using var fleet = await EmulatedIlo.StartAsync();
        using var huge = fleet.Overrides.Add(0, "GET", IloStore, async (context, _, _) =>
        {
            // Chunked (no Content-Length): the limit is counted as the bytes arrive.
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"RegistryPrefix\":\"iLO\",\"Messages\":{\"" + Key + "\":{\"Message\":\"" + Distinctive + "\"}},\"Pad\":\"");
            var pad = Encoding.ASCII.GetBytes(new string('x', 64 * 1024));
            for (var i = 0; i < 80; i++)
            {
                await context.Response.Body.WriteAsync(pad);
            }

            await context.Response.WriteAsync("\"}");
        });
        using var client = EmulatedIlo.Client(fleet);
        await using var session = await client.LoginAsync(CancellationToken.None);

        var error = await PatchUnknownAsync(session, "Nope");

        Assert.Equal("iLO.2.14.PropertyNotWritableOrUnknown: Nope is read-only or not a property of this resource", error.ExtendedInfo[0].ToString());
    }

    [Theory]
    [InlineData("https://registries.example:8443/evil/iLO.json", "/evil/iLO.json")]
    [InlineData("//registries.example/evil/iLO.json", "/evil/iLO.json")]
    [InlineData("///evil/iLO.json", null)]
    [InlineData("file:///etc/passwd", null)]
    public async Task A_location_on_another_host_is_only_ever_asked_of_the_ilo(string location, string? askedOnIlo)
    {
        await using var fleet = await EmulatedIlo.StartAsync();
        using var relink = fleet.Overrides.RewriteJson(0, "GET", IloFile, file => file["Location"]![0]!["Uri"] = location);
        using var log = fleet.Overrides.RecordRequests(out var requests);
        var hosts = new ConcurrentQueue<Uri>();
        using var handler = new Recording(fleet.CreateHandler(0), hosts);
        using var client = RedfishClient.CreateBuilder(RedfishEndpoint.Parse(fleet[0].BaseUrl.ToString()))
            .WithHttpMessageHandler(handler)
            .WithCredentials(new RedfishCredential(fleet.AdminUser, EmulatedIlo.Password))
            .WithOptions(new RedfishClientOptions { RetryDelay = TimeSpan.Zero })
            .Build();
        await using var session = await client.LoginAsync(CancellationToken.None);

        var error = await PatchUnknownAsync(session, "Nope");

        Assert.Equal("iLO.2.14.PropertyNotWritableOrUnknown: Nope is read-only or not a property of this resource", error.ExtendedInfo[0].ToString());
        Assert.All(hosts, uri => Assert.Equal(fleet[0].BaseUrl.Authority, uri.Authority));
        Assert.Equal(askedOnIlo is null ? 0 : 1, askedOnIlo is null ? requests.Count(r => r.Contains("evil", StringComparison.Ordinal)) : Count(requests, askedOnIlo));
        Assert.Equal(0, Count(requests, IloStore));
    }

    [Fact]
    public async Task A_hostile_text_is_cleaned_cut_and_its_arguments_filled_in_once()
    {
        await using var fleet = await EmulatedIlo.StartAsync();
        var hostile = "\u001b]0;owned\u0007\u001b[31mRed %1\u001b[0m\r\nnext %2 %1" + new string('z', 1000);
        using var rewrite = fleet.Overrides.RewriteJson(0, "GET", IloStore, registry => SetText(registry, hostile));
        using var client = EmulatedIlo.Client(fleet);
        await using var session = await client.LoginAsync(CancellationToken.None);

        var error = await PatchUnknownAsync(session, "%1%2");
        var text = error.ExtendedInfo[0].Message!;

        Assert.StartsWith("Red %1%2  next %2 %1%2zzz", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', error.Message);
        Assert.DoesNotContain('\u0007', error.Message);
        Assert.DoesNotContain("owned", text, StringComparison.Ordinal);
        Assert.EndsWith("z...", text, StringComparison.Ordinal);
        Assert.True(text.Length < 340, $"{text.Length} characters");
    }

    [Fact]
    public async Task An_anonymous_request_never_asks_for_the_registries()
    {
        await using var fleet = await EmulatedIlo.StartAsync();
        using var log = fleet.Overrides.RecordRequests(out var requests);
        using var client = EmulatedIlo.Client(fleet, password: "Wrong-pass1");

        await Assert.ThrowsAsync<RedfishAuthenticationException>(() => client.LoginAsync(CancellationToken.None));

        Assert.DoesNotContain(requests, r => r.Contains("Registr", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_registry_that_never_answers_costs_one_request_timeout_once_and_the_error_stays_that_error()
    {
        await using var fleet = await EmulatedIlo.StartAsync();
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var count = 0;
        using var silent = fleet.Overrides.Add(0, "GET", IloStore, async (context, _, _) =>
        {
            Interlocked.Increment(ref count);
            asked.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var options = new RedfishClientOptions { RetryDelay = TimeSpan.Zero, RequestTimeout = TimeSpan.FromSeconds(30) };
        using var client = EmulatedIlo.Client(fleet, options: options, time: time, logs: NullLoggerFactory.Instance);
        await using var session = await client.LoginAsync(CancellationToken.None);

        var first = PatchUnknownAsync(session, "Nope");
        await asked.Task;
        Assert.False(first.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(31));
        var error = await first;
        var second = await PatchUnknownAsync(session, "Nope");

        Assert.Equal("iLO.2.14.PropertyNotWritableOrUnknown: Nope is read-only or not a property of this resource", error.ExtendedInfo[0].ToString());
        Assert.Equal(error.Message, second.Message);
        Assert.Equal(1, Volatile.Read(ref count));
    }

    [Fact]
    public async Task A_caller_that_cancels_during_the_lookup_gets_the_error_at_once_and_the_registry_is_asked_again_later()
    {
        await using var fleet = await EmulatedIlo.StartAsync();
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var count = 0;
        using var stallFirst = fleet.Overrides.Add(0, "GET", IloStore, async (context, _, next) =>
        {
            if (Interlocked.Increment(ref count) == 1)
            {
                asked.TrySetResult();
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }

            await next(context);
        });
        using var client = EmulatedIlo.Client(fleet);
        await using var session = await client.LoginAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var first = Assert.ThrowsAsync<RedfishHttpException>(
            () => session.PatchAsync("/redfish/v1/Managers/1/", new JsonObject { ["Nope"] = 1 }, cancel.Token));
        await asked.Task;
        cancel.CancelAfter(TimeSpan.Zero);
        var error = await first.WaitAsync(TimeSpan.FromSeconds(30));
        var later = await PatchUnknownAsync(session, "Nope").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("iLO.2.14.PropertyNotWritableOrUnknown: Nope is read-only or not a property of this resource", error.ExtendedInfo[0].ToString());
        Assert.Contains("is either read-only or not a property of this resource", later.Message, StringComparison.Ordinal);
        Assert.Equal(2, Volatile.Read(ref count));
    }

    private static async Task<RedfishHttpException> PatchUnknownAsync(RedfishSession session, string property) =>
        await Assert.ThrowsAsync<RedfishHttpException>(
            () => session.PatchAsync("/redfish/v1/Managers/1/", new JsonObject { [property] = 1 }, CancellationToken.None));

    private static void SetText(JsonObject registry, string text) => registry["Messages"]![Key]!["Message"] = text;

    private static int Count(IEnumerable<string> requests, string path) =>
        requests.Count(r => string.Equals(r.Split(' ')[1].Split('?')[0].TrimEnd('/'), path, StringComparison.OrdinalIgnoreCase) && r.StartsWith("GET ", StringComparison.Ordinal));

    /// <summary>Notes the URI of every request the client sends.</summary>
    private sealed class Recording(HttpMessageHandler inner, ConcurrentQueue<Uri> uris) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            uris.Enqueue(request.RequestUri!);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
