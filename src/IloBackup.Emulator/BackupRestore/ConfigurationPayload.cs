using System.Text.Json;
using IloBackup.Emulator.Configuration;

namespace IloBackup.Emulator.BackupRestore;

/// <summary>The payload of the emulator's backup files: the whole <see cref="IloConfiguration"/> as JSON.</summary>
internal static class ConfigurationPayload
{
    /// <summary>Recorded in the file header; anything else is not a backup of ours.</summary>
    public const string PayloadType = "application/vnd.ilobackup.ilo-configuration+json";

    public static Task WriteAsync(Stream destination, IloConfiguration configuration, CancellationToken cancellationToken) =>
        JsonSerializer.SerializeAsync(destination, configuration, ConfigurationJsonContext.Default.IloConfiguration, cancellationToken);

    /// <summary>Reads the configuration to the end of <paramref name="source"/>, synchronously; null when it is not one.</summary>
    public static IloConfiguration? Read(Stream source)
    {
        try
        {
            return JsonSerializer.Deserialize(source, ConfigurationJsonContext.Default.IloConfiguration);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads the configuration to the end of <paramref name="source"/>; null when it is not one.</summary>
    public static async Task<IloConfiguration?> ReadAsync(Stream source, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(source, ConfigurationJsonContext.Default.IloConfiguration, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
