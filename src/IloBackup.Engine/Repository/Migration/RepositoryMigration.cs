using System.Globalization;

namespace IloBackup.Engine.Repository.Migration;

/// <summary>
/// <c>ilobackup repo migrate --from A --to B</c> (issue 19): copies a repository between any two kinds (folder,
/// descriptor: SQLite or PostgreSQL catalog, folder or S3 objects, encrypted or not). Row by row in id order, in the
/// repository's own order: the object (plaintext streamed out of A, written through B's store, which encrypts,
/// names and uploads as B is configured, then read back from B and its SHA-256 checked against the catalog), then
/// the object's metadata records, then the row, under its own id (<see cref="IBackupCatalog.ImportAsync"/>), so
/// <c>show ID</c>, <c>restore --id</c> and baselines' <c>same-as: ID</c> keep naming the same backup.
/// <para>
/// Resumable: a rerun skips rows B holds (by id), objects B holds and that hash right, records B holds, and
/// finishes. A target is accepted when every row it holds is the source's row of that id (same record id, hash,
/// time, host): empty, or a partial copy of this source; any other backup there is refused. The source is never
/// written (<see cref="MigrationSource"/>).
/// </para>
/// </summary>
public static class RepositoryMigration
{
    public static async Task<MigrationReport> RunAsync(string from, string to, MigrationOptions? options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(from);
        ArgumentException.ThrowIfNullOrEmpty(to);
        options ??= new MigrationOptions();
        var fromEnds = MigrationEnds.Of(from);
        var toEnds = MigrationEnds.Of(to);
        MigrationEnds.ThrowIfSame(fromEnds, toEnds);
        var source = await MigrationSource.OpenAsync(fromEnds, options.TimeProvider, cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            var a = source.Repository;
            var rows = (await a.Catalog.ListAsync(new BackupQuery(), cancellationToken).ConfigureAwait(false)).OrderBy(e => e.Id).ToList();
            var target = await BackupRepository.OpenAsync(
                toEnds.Path, new BackupRepositoryOptions { TimeProvider = options.TimeProvider, CreateIfMissing = true }, cancellationToken)
                .ConfigureAwait(false);
            await using (target.ConfigureAwait(false))
            {
                var done = await TargetRowsAsync(target, rows, toEnds.Path, cancellationToken).ConfigureAwait(false);

                // A's high-water mark, not only its rows: an id A gave to a backup pruned since is never handed out again by B.
                var highest = Math.Max(
                    await a.Catalog.HighestIdAsync(cancellationToken).ConfigureAwait(false),
                    await IdHighWaterMark.ReadAsync(a.Store, cancellationToken).ConfigureAwait(false));
                await target.Catalog.ReserveThroughAsync(highest, cancellationToken).ConfigureAwait(false);
                if (await IdHighWaterMark.ReadAsync(target.Store, cancellationToken).ConfigureAwait(false) < highest)
                {
                    await IdHighWaterMark.WriteAsync(target.Store, highest, cancellationToken).ConfigureAwait(false); // a rerun writes nothing again
                }
                var run = new MigrationRun(a, target, options);
                var report = await run.CopyAsync(rows, done, cancellationToken).ConfigureAwait(false);
                await target.SaveCatalogCopyAsync(cancellationToken).ConfigureAwait(false);
                return report with { From = a.Describe(fromEnds.Path), To = target.Describe(toEnds.Path) };
            }
        }
    }

    /// <summary>The ids the target holds, each checked to be the source's row of that id; anything else is refused.</summary>
    private static async Task<HashSet<long>> TargetRowsAsync(
        BackupRepository target, IReadOnlyList<BackupEntry> sourceRows, string targetPath, CancellationToken cancellationToken)
    {
        var byId = sourceRows.ToDictionary(e => e.Id);
        var held = await target.Catalog.ListAsync(new BackupQuery(), cancellationToken).ConfigureAwait(false);
        foreach (var row in held)
        {
            if (!byId.TryGetValue(row.Id, out var original) || !SameBackup(original, row))
            {
                throw new RepositoryException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"the target {targetPath} already holds {held.Count} backups, and entry {row.Id} is not the source's: a migration copies into an empty repository (or resumes one it started from the same source)"));
            }
        }

        return held.Select(e => e.Id).ToHashSet();
    }

    private static bool SameBackup(BackupEntry a, BackupEntry b) =>
        string.Equals(a.Host, b.Host, StringComparison.Ordinal)
        && a.Outcome == b.Outcome
        && a.TakenAt.ToUnixTimeMilliseconds() == b.TakenAt.ToUnixTimeMilliseconds()
        && string.Equals(a.Sha256, b.Sha256, StringComparison.Ordinal)
        && string.Equals(a.RecordId, b.RecordId, StringComparison.Ordinal)
        && string.Equals(a.FailureReason, b.FailureReason, StringComparison.Ordinal);

    private static string Describe(this BackupRepository repository, string path) =>
        File.Exists(path) ? $"{path} (objects in {repository.Store.Description})" : path;
}
