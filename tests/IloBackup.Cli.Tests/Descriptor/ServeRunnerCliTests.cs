using IloBackup.Cli.Tests.Fleet;
using IloBackup.Engine.Repository;
using IloBackup.TestSupport;
using IloBackup.TestSupport.S3;

namespace IloBackup.Cli.Tests.Descriptor;

/// <summary>
/// <c>serve --runner NAME</c> (issue 20): the rows of its runs name the runner, also when the name comes from the config
/// file's <c>serve.runner</c>, and each leaves its heartbeat (idle, daily interval); a bad name is a usage error before anything is touched.
/// </summary>
public sealed class ServeRunnerCliTests(S3rver s3) : IClassFixture<S3rver>
{
    [RemoteRepositoryFact]
    public async Task Serve_once_with_a_runner_names_it_in_every_row_of_a_postgres_repository()
    {
        await using var emulated = await EmulatedFleet.StartAsync(2);
        var site = await DescriptorSite.PostgresS3Async(emulated.Directory, s3);

        var (code, output, error) = await CliRun.RunAsync("serve", "--repo", site.File, "--inventory", emulated.Inventory, "--once", "--runner", "site-a");
        Assert.True(code == 0, output + error);
        var config = Path.Combine(emulated.Directory, "config.yaml");
        await File.WriteAllTextAsync(config, "serve:\n  runner: site-b\n");
        (code, output, error) = await CliRun.RunAsync("serve", "--repo", site.File, "--inventory", emulated.Inventory, "--once", "--config", config);
        Assert.True(code == 0, output + error);

        await using var repository = await BackupRepository.OpenAsync(site.File, new BackupRepositoryOptions { ReadOnly = true }, default);
        var rows = await repository.Catalog.ListAsync(new BackupQuery(), default);
        Assert.Equal(4, rows.Count);
        Assert.Equal(["site-a", "site-a", "site-b", "site-b"], rows.Select(r => r.Runner!).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.StartsWith("manual-" + r.Runner + "-", r.RunId, StringComparison.Ordinal));
        var runners = await ((IRunnerHeartbeats)repository.Catalog).RunnersAsync(default);
        Assert.Equal(["site-a", "site-b"], runners.Select(r => r.Runner).Order(StringComparer.Ordinal));
        Assert.All(runners, r => Assert.Equal((Environment.MachineName, (string?)null, TimeSpan.FromDays(1)), (r.Host, r.CurrentRun, r.Interval)));
    }

    [Fact]
    public async Task A_runner_name_with_spaces_around_it_is_a_usage_error()
    {
        var (code, _, error) = await CliRun.RunAsync("serve", "--repo", Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid().ToString("N")), "--inventory", "none.txt", "--once", "--runner", " a ");
        Assert.Equal(2, code);
        Assert.Contains("--runner must be 1 to 128 printable characters", error, StringComparison.Ordinal);
    }
}
