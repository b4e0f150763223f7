using IloBackup.Engine.Repository.Descriptor;
using IloBackup.Engine.Repository.Postgres;

namespace IloBackup.Engine.Repository.Migration;

/// <summary>
/// Where a repository's catalog and objects are, worked out from its path without opening anything: a folder, or
/// a descriptor file (<see cref="RepositoryDescriptor"/>). Two paths naming the same catalog or the same objects are
/// one repository, whatever the spelling (a folder and a descriptor pointing into it).
/// </summary>
internal sealed record MigrationEnds(string Path, string? SqliteCatalog, string CatalogKey, string ObjectsKey)
{
    /// <summary>The folder holding the writer's lock file beside a SQLite catalog (null for PostgreSQL).</summary>
    public string? LockFolder => SqliteCatalog is null ? null : System.IO.Path.GetDirectoryName(SqliteCatalog);

    public static MigrationEnds Of(string path)
    {
        path = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path));
        if (!File.Exists(path))
        {
            var catalog = System.IO.Path.Combine(path, BackupRepository.CatalogFileName);
            return new(path, catalog, "sqlite:" + catalog, "file:" + System.IO.Path.Combine(path, "objects"));
        }

        var descriptor = RepositoryDescriptorReader.Read(path);
        var sqlite = descriptor.SqlitePath is { } file ? System.IO.Path.GetFullPath(file) : null;
        var catalogKey = sqlite is not null ? "sqlite:" + sqlite : PostgresCatalogAddress.Parse(descriptor.Catalog).ToString();
        var objectsKey = descriptor.FileRoot is { } root
            ? "file:" + System.IO.Path.Combine(System.IO.Path.GetFullPath(root), "objects")
            : descriptor.Objects.TrimEnd('/') + "@" + (descriptor.S3Endpoint ?? "aws");
        return new(path, sqlite, catalogKey, objectsKey);
    }

    /// <summary>Refuses a source and target that are one repository (or share its catalog or its objects).</summary>
    public static void ThrowIfSame(MigrationEnds from, MigrationEnds to)
    {
        if (string.Equals(from.Path, to.Path, StringComparison.Ordinal)
            || string.Equals(from.CatalogKey, to.CatalogKey, StringComparison.Ordinal)
            || string.Equals(from.ObjectsKey, to.ObjectsKey, StringComparison.Ordinal))
        {
            throw new RepositoryException(
                $"--from {from.Path} and --to {to.Path} are the same repository (or share its catalog or objects): a migration copies into another one");
        }
    }
}
