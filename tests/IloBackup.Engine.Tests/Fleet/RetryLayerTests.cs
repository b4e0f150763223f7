using IloBackup.Emulator.Hosting;
using IloBackup.Engine.Fleet;
using IloBackup.Engine.Inventory;
using IloBackup.Engine.Tests.Repository;
using IloBackup.Redfish;
using IloBackup.Redfish.Credentials;
using IloBackup.Redfish.Tls;
using IloBackup.TestSupport.Emulation;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Engine.Tests.Fleet;

/// <summary>
/// One layer per kind of failure (docs/client.md "Retries"): with a budget of N retries at every
/// layer, each kind of failure is tried 1 + N times in all, never (1 + N) × (1 + N).
/// </summary>
public sealed class RetryLayerTests : IAsyncLifetime
{
    private const int Retries = 2;
    private const string Sessions = "/redfish/v1/SessionService/Sessions";
    private readonly RepositoryFixture _fx = new();
    private EmulatorFleet _fleet = null!;

    public async Task InitializeAsync() => _fleet = await TestIlo.StartKestrelAsync(null);

    public async Task DisposeAsync()
    {
        await _fleet.DisposeAsync();
        _fx.Dispose();
    }

    [Fact]
    public async Task A_503_to_the_login_is_retried_by_the_request_alone()
    {
        var answers = 0;
        using var busy = _fleet.Overrides.Add((context, _) => IsLogin(context), (context, _, _) =>
        {
            Interlocked.Increment(ref answers);
            return Answer(context, StatusCodes.Status503ServiceUnavailable);
        });

        var outcome = await BackUpAsync();

        Assert.Equal(HostStatus.Failed, outcome.Status);
        Assert.Equal(1 + Retries, answers);
        Assert.Equal(1, outcome.Attempts);
        Assert.Contains($"(after {1 + Retries} attempts)", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lost_login_answer_is_retried_by_the_login_alone()
    {
        // The iLO makes the session, then the connection drops before its answer.
        var made = 0;
        using var lost = _fleet.Overrides.Add((context, _) => IsLogin(context), async (context, _, next) =>
        {
            context.Response.Body = Stream.Null; // nothing of the answer leaves
            await next(context);
            if (context.Response.StatusCode == StatusCodes.Status201Created)
            {
                Interlocked.Increment(ref made);
            }

            context.Abort();
        });

        var outcome = await BackUpAsync();

        Assert.Equal(HostStatus.Failed, outcome.Status);
        Assert.Equal(1 + Retries, made);
        Assert.Equal(1, outcome.Attempts);
    }

    [Fact]
    public async Task A_session_the_ilo_ended_is_retried_by_the_runner_alone()
    {
        // Every login works; the first request of each session is told the session has ended.
        using var ended = _fleet.Overrides.Add(
            (context, _) => HttpMethods.IsGet(context.Request.Method)
                && context.Request.Path.StartsWithSegments("/redfish/v1/Managers", StringComparison.OrdinalIgnoreCase),
            (context, _, _) => Answer(context, StatusCodes.Status401Unauthorized));
        using var counted = _fleet.Overrides.CountAnswers(IsLogin, StatusCodes.Status201Created, out var logins);

        var outcome = await BackUpAsync();

        Assert.Equal(HostStatus.Failed, outcome.Status);
        Assert.Contains("ended the session", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(1 + Retries, outcome.Attempts);
        Assert.Equal(1 + Retries, logins());
        Assert.Equal(0, _fleet[0].Sessions.Count);
    }

    [Fact]
    public async Task A_503_that_passes_is_absorbed_by_the_request_and_the_ilo_is_backed_up_once()
    {
        var left = 1;
        using var busy = _fleet.Overrides.Add(
            (context, _) => IsLogin(context) && Interlocked.Decrement(ref left) >= 0,
            (context, _, _) => Answer(context, StatusCodes.Status503ServiceUnavailable));

        var outcome = await BackUpAsync();

        Assert.Equal(HostStatus.Succeeded, outcome.Status);
        Assert.Equal(1, outcome.Attempts);
    }

    private static bool IsLogin(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
        && context.Request.Path.StartsWithSegments(Sessions, StringComparison.OrdinalIgnoreCase);

    private static Task Answer(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    private async Task<HostOutcome> BackUpAsync()
    {
        var inventory = InventoryLoader.Parse(_fleet[0].BaseUrl.ToString(), "hosts.txt", InventoryFormat.HostList, null);
        var connector = new RedfishIloConnector(new RedfishIloConnectorOptions
        {
            Tls = TlsPolicy.DangerousAcceptAnyCertificate(),
            DefaultCredential = new RedfishCredential(TestIlo.AdminUser, TestIlo.AdminPassword),
            IncludeSnapshot = false,
            Client = new RedfishClientOptions { MaxRetries = Retries, RetryDelay = TimeSpan.Zero },
        });
        var runner = new FleetRunner(new FleetRunnerOptions { Concurrency = 1, MaxRetries = Retries, RetryDelay = TimeSpan.Zero });
        await using var repo = await _fx.OpenAsync();
        var report = await new FleetBackupJob(repo, connector, runner, new FleetBackupOptions()).RunAsync(inventory.Hosts, null, default);
        return Assert.Single(report.Outcomes);
    }
}
