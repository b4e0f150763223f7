using System.Text.Json.Serialization;

namespace IloBackup.Emulator.Configuration;

/// <summary>
/// Source-generated JSON for <see cref="IloConfiguration"/> (the SRAM file; the backup
/// engineer also uses it for backup payloads). Strict: unknown members are refused.
/// </summary>
[JsonSourceGenerationOptions(
    WriteIndented = false,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(IloConfiguration))]
public sealed partial class ConfigurationJsonContext : JsonSerializerContext;
