using IloBackup.Engine.Repository;
using IloBackup.Serve.Runs;
using IloBackup.TestSupport.Postgres;
using Microsoft.Extensions.Time.Testing;

namespace IloBackup.Serve.Tests.Runners;

/// <summary>
/// A brand-new PostgreSQL catalog (issue 20): read-only readers cannot use it until its tables exist, so serve makes them at
/// start (<see cref="BackupRepository.PrepareSharedCatalogAsync"/>) without a writer's lock; heartbeats and the runners page
/// then work before the first run. A repository folder (SQLite) is left alone.
/// </summary>
public sealed class BrandNewCatalogTests : INeedsPostgres
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    [CatalogFact]
    public async Task Preparing_a_new_catalog_makes_its_tables_so_heartbeats_and_the_runners_page_work_before_any_run()
    {
        await using var site = await ServeRunnerTestSite.StartAsync(ilos: 1);
        var time = new FakeTimeProvider(Start);
        var beacon = new RunnerBeacon(site.Repository, new ServeRunnerIdentity("site-n") { ScheduleInterval = TimeSpan.FromDays(1) }, time);
        var before = await Assert.ThrowsAsync<RepositoryException>(() => beacon.BeatAsync(null, default));
        Assert.Contains("the catalog has no tables", before.Message, StringComparison.Ordinal);

        // Two services starting at once on the new catalog: the schema is made once, under its migration lock.
        var prepared = await Task.WhenAll(
            BackupRepository.PrepareSharedCatalogAsync(site.Repository, default), BackupRepository.PrepareSharedCatalogAsync(site.Repository, default));
        Assert.Equal([true, true], prepared);

        Assert.True(await beacon.BeatAsync(null, default));
        Assert.Equal(("site-n", Start), (await beacon.RunnersAsync(default))!.Select(r => (r.Runner, r.LastSeen)).Single());
        var (app, client) = await site.WebAsync(site.Runner("site-n", time), beacon, time);
        await using (app)
        {
            var page = await client.GetStringAsync(new Uri("/runners", UriKind.Relative));
            Assert.Contains("site-n (this one)", page, StringComparison.Ordinal);
            Assert.DoesNotContain("cannot be read", page, StringComparison.Ordinal);
        }

        Assert.Empty(await site.RowsAsync());

        // No writer's lock was kept: an exclusive writer (prune, rebuild) gets it at once.
        await using (await BackupRepository.OpenAsync(site.Repository, new BackupRepositoryOptions { LockWait = null }, default))
        {
        }
    }

    [Fact]
    public async Task A_repository_folder_is_not_prepared_and_nothing_is_created()
    {
        var folder = Path.Combine(Path.GetTempPath(), "serve-new-" + Guid.NewGuid().ToString("N"));
        Assert.False(await BackupRepository.PrepareSharedCatalogAsync(folder, default));
        Assert.False(Directory.Exists(folder));
    }
}
