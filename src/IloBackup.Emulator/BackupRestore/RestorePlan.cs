using IloBackup.Emulator.BackupFile;
using IloBackup.Emulator.Configuration;

namespace IloBackup.Emulator.BackupRestore;

/// <summary>A backup file that passed every check: what a restore will apply.</summary>
/// <param name="Header">The file's authenticated header.</param>
/// <param name="Configuration">The configuration it holds.</param>
/// <param name="FileName">The name it was uploaded or stored under (for the event log).</param>
public sealed record RestorePlan(BackupFileHeader Header, IloConfiguration Configuration, string FileName);
