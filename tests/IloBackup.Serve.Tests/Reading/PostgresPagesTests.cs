using System.Net;
using System.Text.RegularExpressions;
using IloBackup.Serve.Tests.Runners;
using IloBackup.TestSupport.Postgres;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace IloBackup.Serve.Tests.Reading;

/// <summary>
/// A server's page over a PostgreSQL repository goes on answering after PostgreSQL terminated every connection to the
/// database (serve's one reader reopens and reads again), and shows the rows of a run made after that.
/// </summary>
public sealed partial class PostgresPagesTests : INeedsPostgres
{
    [CatalogFact]
    public async Task Pages_keep_working_after_the_servers_connections_are_terminated()
    {
        await using var site = await ServeRunnerTestSite.StartAsync(ilos: 1);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 2, 0, 0, TimeSpan.Zero));
        var runner = site.Runner("site-a", time);
        Assert.Equal(1, (await runner.TryStart("manual", default)!).Succeeded);
        var serial = site.Fleet[0].Identity.ServerSerial;

        var (app, client) = await site.WebAsync(runner, null, time);
        await using (app)
        {
            Assert.Single(BackupRow().Matches(await GetAsync(client, $"/servers/{serial}")));

            var url = Regex.Match(await File.ReadAllTextAsync(site.Repository), "catalog: (.+)").Groups[1].Value.Trim();
            var server = PostgresServer.Shared!;
            await using (var admin = new NpgsqlConnection(server.AdminConnectionString("postgres")))
            {
                await admin.OpenAsync();
                await using var terminate = new NpgsqlCommand(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @name AND pid <> pg_backend_pid();", admin);
                terminate.Parameters.AddWithValue("name", new Uri(url).AbsolutePath.Trim('/'));
                Assert.True((long)(await terminate.ExecuteScalarAsync())! >= 1);
            }

            Assert.Single(BackupRow().Matches(await GetAsync(client, $"/servers/{serial}")));
            time.Advance(TimeSpan.FromHours(1));
            Assert.Equal(1, (await runner.TryStart("manual", default)!).Succeeded);
            Assert.Equal(2, BackupRow().Matches(await GetAsync(client, $"/servers/{serial}")).Count);
        }
    }

    private static async Task<string> GetAsync(HttpClient client, string path)
    {
        using var answer = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return await answer.Content.ReadAsStringAsync();
    }

    [GeneratedRegex("<tr id=\"backup-([0-9]+)\"")]
    private static partial Regex BackupRow();
}
