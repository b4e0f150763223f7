using System.Text.Json;
using IloBackup.Durability;
using IloBackup.Emulator.Configuration;
using IloBackup.Emulator.Ilo;

namespace IloBackup.Emulator.Persistence;

/// <summary>
/// The files of one iLO in the state directory (<c>ilo-&lt;k&gt;/</c>): <c>identity.json</c>,
/// <c>sram.json</c> (the configuration, the battery-backed SRAM), <c>state.json</c> (what is
/// not configuration), the certificate and <c>nand/</c>. Every write is atomic.
/// </summary>
internal sealed class IloStateStore
{
    private const string IdentityFile = "identity.json";
    private const string SramFile = "sram.json";
    private const string StateFile = "state.json";

    public IloStateStore(string directory)
    {
        Directory = directory;
        System.IO.Directory.CreateDirectory(directory);
        AtomicFile.CleanTemporaryFiles(directory);
    }

    public string Directory { get; }

    public string NandDirectory => Path.Combine(Directory, "nand");

    public IloIdentity? LoadIdentity() => Load(IdentityFile, StateJsonContext.Default.IloIdentity);

    public void SaveIdentity(IloIdentity identity) =>
        AtomicFile.Write(Path.Combine(Directory, IdentityFile), JsonSerializer.SerializeToUtf8Bytes(identity, StateJsonContext.Default.IloIdentity));

    /// <summary>The configuration, or null when the SRAM holds none (first start, or it was lost).</summary>
    public IloConfiguration? LoadConfiguration() => Load(SramFile, ConfigurationJsonContext.Default.IloConfiguration);

    /// <summary>Durable: flushed to the disk before the rename, so a replacement survives power loss.</summary>
    /// <param name="configuration">The new configuration.</param>
    /// <param name="observer">Told each point of the write (the restore-stall fault); null for none.</param>
    public void SaveConfiguration(IloConfiguration configuration, Action<AtomicWritePoint>? observer = null) =>
        AtomicFile.Write(Path.Combine(Directory, SramFile), JsonSerializer.SerializeToUtf8Bytes(configuration, ConfigurationJsonContext.Default.IloConfiguration), durable: true, observer);

    /// <summary>Erases the SRAM (battery failure).</summary>
    public void DeleteConfiguration()
    {
        File.Delete(Path.Combine(Directory, SramFile));
        DirectorySync.Flush(Directory);
    }

    public IloRuntimeState? LoadState() => Load(StateFile, StateJsonContext.Default.IloRuntimeState);

    /// <summary>Atomic but not flushed: logs are not worth an fsync per login.</summary>
    public void SaveState(IloRuntimeState state) =>
        AtomicFile.Write(Path.Combine(Directory, StateFile), JsonSerializer.SerializeToUtf8Bytes(state, StateJsonContext.Default.IloRuntimeState), durable: false);

    private T? Load<T>(string name, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        var path = Path.Combine(Directory, name);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), type);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not a valid emulator state file: {ex.Message}", ex);
        }
    }
}
