using IloBackup.Engine.Fleet.Leases;
using IloBackup.Engine.Identity;
using IloBackup.Engine.Repository;
using IloBackup.Engine.Repository.Postgres;
using IloBackup.TestSupport.Postgres;
using Microsoft.Extensions.Time.Testing;

namespace IloBackup.Engine.Tests.Fleet.Runners;

/// <summary>
/// A runner killed after its backup's row was committed but before it marked the lease finished: the lease expires,
/// yet the row is the truth, so another runner reports the server done by the first and never backs it up twice in
/// that run (found by the SIGKILL process test under load).
/// </summary>
public sealed class LeaseAfterRecordedRowTests : INeedsPostgres
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));

    private static PostgresServer Server => PostgresServer.Shared ?? throw new InvalidOperationException(PostgresServer.SkipReason);

    [CatalogFact]
    public async Task An_expired_lease_whose_backup_was_recorded_is_done_not_taken_over()
    {
        var address = PostgresCatalogAddress.Parse(await Server.CreateDatabaseAsync());
        await using var catalog = await Task.Run(() => PostgresBackupCatalog.Open(address, readOnly: false));
        var a = new PostgresLeases(catalog.Source, "run-1", "A", Lease, _time, null);
        var b = new PostgresLeases(catalog.Source, "run-1", "B", Lease, _time, null);
        Assert.True((await a.TryTakeAsync("mxq7", default)).IsMine);
        var row = await catalog.AddAsync(
            new NewBackupEntry
            {
                Host = "10.0.0.7", Outcome = BackupOutcome.Succeeded, TakenAt = _time.GetUtcNow(), Identity = IloIdentity.OfSerial("MXQ7"),
                Sha256 = new string('a', 64), Size = 1, Runner = "A", RunId = "run-1",
            },
            default);

        _time.Advance(Lease + TimeSpan.FromSeconds(1)); // A died before FinishAsync
        var claim = await b.TryTakeAsync("MXQ7", default);
        Assert.Equal((LeaseState.Succeeded, "A", (long?)row.Id), (claim.State, claim.Runner, claim.BackupId));
        Assert.Equal(LeaseState.Succeeded, (await b.LookAsync("MXQ7", default))!.State);

        // Without a row (a failed or unfinished backup) the expired lease is taken over as before; another run is its own.
        Assert.True((await a.TryTakeAsync("mxq8", default)).IsMine);
        await catalog.AddAsync(
            new NewBackupEntry
            {
                Host = "10.0.0.8", Outcome = BackupOutcome.Succeeded, TakenAt = _time.GetUtcNow(), Identity = IloIdentity.OfSerial("MXQ8"),
                Sha256 = new string('b', 64), Size = 1, Runner = "A", RunId = "run-0",
            },
            default);
        _time.Advance(Lease + TimeSpan.FromSeconds(1));
        var taken = await b.TryTakeAsync("MXQ8", default);
        Assert.Equal((true, "A"), (taken.IsMine, taken.TakenOverFrom));
    }
}
