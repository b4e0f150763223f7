using System.Net;
using System.Net.Http.Headers;
using IloBackup.Engine.Repository;
using IloBackup.Serve.Tests.Web;

namespace IloBackup.Serve.Tests.Metrics;

/// <summary>/metrics scraped and parsed: values come from the catalog and survive a restart; verify's findings show up.</summary>
public sealed class MetricsScrapeTests : IAsyncLifetime
{
    private ServeFixture _fx = null!;

    public async Task InitializeAsync() => _fx = await ServeFixture.StartAsync(runs: 2);

    public async Task DisposeAsync() => await _fx.DisposeAsync();

    private static async Task<IReadOnlyList<PrometheusText.Sample>> ScrapeAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var answer = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.StartsWith("text/plain", answer.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        return PrometheusText.Parse(await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Attempts_last_successes_server_states_and_run_duration_are_exported_from_the_catalog()
    {
        var samples = await ScrapeAsync(_fx.Client, _fx.ViewerToken);

        Assert.Equal(4, samples.Value("ilobackup_backup_attempts_total", ("outcome", "succeeded"), ("reason", "none")));
        Assert.Equal(2, samples.Value("ilobackup_backup_attempts_total", ("outcome", "failed"), ("reason", "unreachable")));
        await using var repository = await BackupRepository.OpenAsync(_fx.Repository, new BackupRepositoryOptions { ReadOnly = true }, default);
        foreach (var ilo in _fx.Fleet.Ilos)
        {
            var newest = (await repository.FindNewestGoodAsync(ilo.Identity.ServerSerial, null, default))!;
            Assert.Equal(newest.TakenAt.ToUnixTimeMilliseconds() / 1000.0, samples.Value("ilobackup_last_success_timestamp_seconds", ("serial", ilo.Identity.ServerSerial)), 3);
        }

        Assert.Equal(3, samples.Value("ilobackup_servers", ("state", "known")));
        Assert.Equal(1, samples.Value("ilobackup_servers", ("state", "failing")));
        Assert.Equal(1, samples.Value("ilobackup_servers", ("state", "never_backed_up")));
        Assert.Equal(0, samples.Value("ilobackup_servers", ("state", "suspect")));
        Assert.Equal(0, samples.Value("ilobackup_verify_corrupt_objects"));
        Assert.Equal(0, samples.Value("ilobackup_run_in_progress"));
        var newestRun = _fx.Runs.Store.List()[0];
        Assert.Equal(newestRun.DurationSeconds, samples.Value("ilobackup_last_run_duration_seconds"), 6);
    }

    [Fact]
    public async Task A_corrupt_object_is_counted_after_the_next_verify_and_the_counts_survive_a_restart()
    {
        await using (var repository = await BackupRepository.OpenAsync(_fx.Repository, new BackupRepositoryOptions { ReadOnly = true }, default))
        {
            var victim = (await repository.FindNewestGoodAsync(_fx.Fleet[0].Identity.ServerSerial, null, default))!;
            var path = Path.Combine(_fx.Repository, "objects", victim.Sha256![..2], victim.Sha256);
            var bytes = await File.ReadAllBytesAsync(path);
            bytes[^1] ^= 0xFF;
            File.SetAttributes(path, FileAttributes.Normal);
            await File.WriteAllBytesAsync(path, bytes);
        }

        await _fx.State.RefreshAsync(default);
        var before = await ScrapeAsync(_fx.Client, _fx.ViewerToken);
        Assert.Equal(1, before.Value("ilobackup_verify_corrupt_objects"));

        var (app, client) = await _fx.StartAnotherWebAsync();
        await using (app)
        {
            var after = await ScrapeAsync(client, _fx.ViewerToken);
            foreach (var sample in before.Where(s => s.Name.StartsWith("ilobackup_", StringComparison.Ordinal)))
            {
                Assert.Equal(sample.Value, after.Value(sample.Name, [.. sample.Labels.Where(l => l.Key != "otel_scope_name").Select(l => (l.Key, l.Value))]));
            }
        }
    }

    [Fact]
    public async Task Health_answers_anyone_without_a_secret()
    {
        using var answer = await _fx.Client.GetAsync(new Uri("/healthz", UriKind.Relative));
        var body = await answer.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("\"status\":\"ok\"", body, StringComparison.Ordinal);
        Assert.Contains("\"servers\":3", body, StringComparison.Ordinal);
    }
}
