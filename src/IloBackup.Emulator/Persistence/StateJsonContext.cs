using System.Text.Json.Serialization;
using IloBackup.Emulator.Ilo;

namespace IloBackup.Emulator.Persistence;

/// <summary>Source-generated JSON for the files of an iLO's state folder other than the SRAM file.</summary>
[JsonSourceGenerationOptions(
    WriteIndented = false,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(IloIdentity))]
[JsonSerializable(typeof(IloRuntimeState))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
