using IloBackup.Engine.Repository;
using IloBackup.Serve.Reading;

namespace IloBackup.Serve.Runs;

/// <summary>Reads of the catalog the service makes between runs (read-only: no lock, nothing changed).</summary>
public static class CatalogQueries
{
    /// <summary>When the newest attempt (good or failed) was made; null for a repository that does not exist yet or is empty.</summary>
    public static async Task<DateTimeOffset?> NewestAttemptAsync(string repositoryDirectory, CancellationToken cancellationToken)
    {
        if (!RepositoryLocation.HasCatalog(repositoryDirectory))
        {
            return null;
        }

        var repository = await BackupRepository.OpenAsync(repositoryDirectory, new BackupRepositoryOptions { ReadOnly = true }, cancellationToken)
            .ConfigureAwait(false);
        await using (repository.ConfigureAwait(false))
        {
            var newest = await repository.Catalog.ListAsync(new BackupQuery { Limit = 1 }, cancellationToken).ConfigureAwait(false);
            return newest.Count == 0 ? null : newest[0].TakenAt;
        }
    }

    /// <summary>The same through serve's one read-only repository.</summary>
    public static async Task<DateTimeOffset?> NewestAttemptAsync(RepositoryReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (!reader.HasCatalog)
        {
            return null;
        }

        var newest = await reader.ReadAsync(r => r.Catalog.ListAsync(new BackupQuery { Limit = 1 }, cancellationToken), cancellationToken).ConfigureAwait(false);
        return newest.Count == 0 ? null : newest[0].TakenAt;
    }
}
