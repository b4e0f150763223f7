namespace IloBackup.Engine.Repository;

/// <summary>The verify pass of <see cref="BackupRepository"/>: reads only, changes nothing.</summary>
internal static class RepositoryMaintenance
{
    public static async Task<VerifyReport> VerifyAsync(BackupRepository repository, CancellationToken cancellationToken)
    {
        var catalogProblems = new List<string>();
        if (repository.Catalog is SqliteBackupCatalog sqlite)
        {
            catalogProblems.AddRange(await sqlite.CheckAsync(full: true, cancellationToken).ConfigureAwait(false));
        }

        IReadOnlyList<BackupEntry> entries;
        try
        {
            entries = await repository.Catalog.ListAsync(new BackupQuery { GoodOnly = true }, cancellationToken).ConfigureAwait(false);
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex) when (catalogProblems.Count > 0)
        {
            catalogProblems.Add($"the catalog cannot be read: {ex.Message}");
            entries = [];
        }

        var referenced = entries.Where(e => e.Sha256 is not null).Select(e => e.Sha256!).ToHashSet(StringComparer.Ordinal);
        var users = entries.Where(e => e.Sha256 is not null)
            .GroupBy(e => e.Sha256!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<long>)[.. g.Select(e => e.Id).Order()], StringComparer.Ordinal);
        var corrupt = new List<VerifyProblem>();
        var missing = new List<VerifyProblem>();
        var checkedCount = 0;
        foreach (var (hash, ids) in users.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var actual = await repository.Store.RehashAsync(repository.Store.NameOf(hash), cancellationToken).ConfigureAwait(false);
            if (actual is null)
            {
                missing.Add(new VerifyProblem(hash, ids, null));
                continue;
            }

            checkedCount++;
            if (!string.Equals(actual, hash, StringComparison.Ordinal))
            {
                corrupt.Add(new VerifyProblem(hash, ids, actual));
            }
        }

        var temporary = Directory.Exists(repository.StagingDirectory)
            ? Directory.EnumerateFiles(repository.StagingDirectory, "*", SearchOption.AllDirectories).Count()
            : 0;
        var orphans = catalogProblems.Count > 0 && entries.Count == 0
            ? 0 : (await OrphanObjects.FindAsync(repository.Store, referenced, cancellationToken).ConfigureAwait(false)).Count;
        return new VerifyReport
        {
            ObjectsChecked = checkedCount,
            Corrupt = corrupt,
            Missing = missing,
            OrphanObjects = orphans,
            TemporaryFiles = temporary,
            CatalogProblems = catalogProblems,
        };
    }
}
