using IloBackup.Serve.Runs;

namespace IloBackup.Serve.Tests.Runs;

public sealed class RunStoreTests : IDisposable
{
    private readonly string _repo = Directory.CreateTempSubdirectory("serve-runs-").FullName;

    public void Dispose() => Directory.Delete(_repo, recursive: true);

    [Fact]
    public async Task Runs_survive_a_restart_and_one_cut_short_reads_as_failed()
    {
        var started = new DateTimeOffset(2026, 3, 10, 2, 0, 0, TimeSpan.Zero);
        var store = RunStore.Open(_repo);
        await store.SaveAsync(new RunRecord
        {
            Id = store.NextId, Trigger = "schedule", StartedAt = started, State = RunState.Finished, Succeeded = 1,
            Hosts = [new RunHost { Host = "ilo1", Status = "succeeded", Serial = "S1", Tags = ["rack1"] }],
        }, persist: true, default);
        await store.SaveAsync(new RunRecord { Id = store.NextId, Trigger = "once", StartedAt = started.AddDays(1) }, persist: true, default);

        var reopened = RunStore.Open(_repo);

        Assert.Equal([2, 1], reopened.List().Select(r => r.Id));
        Assert.Equal(3, reopened.NextId);
        Assert.Equal((RunState.Failed, "the service stopped during the run"), (reopened.Get(2)!.State, reopened.Get(2)!.Error));
        var host = Assert.Single(reopened.Get(1)!.Hosts);
        Assert.Equal(("S1", "rack1"), (host.Serial, host.Tags[0]));
        Assert.Contains("\"startedAt\"", File.ReadAllText(Path.Combine(_repo, "serve", "runs", "run-000001.json")), StringComparison.Ordinal);
    }
}
