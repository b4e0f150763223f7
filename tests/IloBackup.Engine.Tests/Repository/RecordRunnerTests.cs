using IloBackup.Engine.Identity;
using IloBackup.Engine.Repository;

namespace IloBackup.Engine.Tests.Repository;

/// <summary>The metadata record keeps which runner took a backup and in which run (issue 20), so a rebuilt catalog has them.</summary>
public sealed class RecordRunnerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("record-runner-").FullName;

    [Fact]
    public async Task Runner_and_run_survive_the_record_and_are_absent_when_not_known()
    {
        var store = new ObjectStore(_directory);
        var labelled = Entry() with { Runner = "site-a", RunId = "slot-2026-12-03T02:00Z" };
        var withRunner = await ObjectRecord.WriteAsync(store, labelled, default);
        var plain = await ObjectRecord.WriteAsync(store, Entry(), default);

        var name = store.NameOf(labelled.Sha256!);
        var read = await ObjectRecord.ReadAsync(store, new StoredRecordKey(name, withRunner), default);
        Assert.Equal(("site-a", "slot-2026-12-03T02:00Z"), (read.Runner, read.RunId));
        var unlabelled = await ObjectRecord.ReadAsync(store, new StoredRecordKey(name, plain), default);
        Assert.Equal((null, null), (unlabelled.Runner, unlabelled.RunId));
        var text = await File.ReadAllTextAsync(Path.Combine(_directory, "objects", name[..2], $"{name}.{plain}.json"));
        Assert.DoesNotContain("runner", text, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static NewBackupEntry Entry() => new()
    {
        Host = "10.0.0.9", Outcome = BackupOutcome.Succeeded, TakenAt = DateTimeOffset.UnixEpoch, Identity = IloIdentity.OfSerial("MXQ9"),
        Sha256 = new string('c', 64), Size = 3,
    };
}
