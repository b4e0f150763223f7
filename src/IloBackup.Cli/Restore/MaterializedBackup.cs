using IloBackup.Engine.Repository;

namespace IloBackup.Cli.Restore;

/// <summary>A backup taken out of the repository into a temporary directory; disposing removes the directory.</summary>
internal sealed class MaterializedBackup(string file, string directory) : IDisposable
{
    public string File { get; } = file;

    public void Dispose() => ObjectStore.DeleteDirectory(directory);
}
