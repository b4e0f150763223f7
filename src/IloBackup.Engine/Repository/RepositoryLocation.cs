namespace IloBackup.Engine.Repository;

/// <summary>Where the repository is: <c>--repo DIR</c>, else <c>$ILOBACKUP_REPO</c>, else <c>./ilobackup-repo</c>.</summary>
public static class RepositoryLocation
{
    public const string EnvironmentVariable = "ILOBACKUP_REPO";
    public const string DefaultDirectory = "ilobackup-repo";

    public static string Resolve(string? option, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var chosen = !string.IsNullOrWhiteSpace(option) ? option
            : environment(EnvironmentVariable) is { Length: > 0 } fromEnv ? fromEnv
            : DefaultDirectory;
        return Path.GetFullPath(chosen);
    }

    /// <summary>
    /// The local folder of a repository: the folder itself, or for a repository file (docs/repository.md, "Repository
    /// files") the SQLite catalog's folder, else its work directory. Staging (<c>tmp/</c>) and <c>serve</c>'s files
    /// (<c>serve/runs</c>, <c>serve/users</c>, <c>serve/tls</c>) live there.
    /// </summary>
    public static string LocalFolder(string repository) =>
        File.Exists(repository)
            ? Descriptor.DescriptorRepository.LocalFolder(Descriptor.RepositoryDescriptorReader.Read(repository))
            : repository;

    /// <summary>
    /// Whether the repository has a catalog yet (a read-only open would find one): <c>catalog.db</c> in a folder, the
    /// named SQLite file, or for PostgreSQL the work directory the first writing run makes.
    /// </summary>
    public static bool HasCatalog(string repository)
    {
        if (!File.Exists(repository))
        {
            return File.Exists(Path.Combine(repository, BackupRepository.CatalogFileName));
        }

        var descriptor = Descriptor.RepositoryDescriptorReader.Read(repository);
        return descriptor.SqlitePath is { } sqlite ? File.Exists(sqlite) : Directory.Exists(descriptor.WorkDirectory);
    }
}
