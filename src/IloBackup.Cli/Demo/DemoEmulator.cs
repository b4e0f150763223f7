using IloBackup.Emulator.BackupRestore;
using IloBackup.Emulator.Hosting;

namespace IloBackup.Cli.Demo;

/// <summary>The demo's emulator settings: realistic behaviour, with waits shortened so the demo takes seconds.</summary>
internal static class DemoEmulator
{
    /// <summary>How long an iLO stays away after a battery failure or a restore.</summary>
    public static TimeSpan RebootTime { get; } = TimeSpan.FromSeconds(2);

    public static EmulatorOptions Options(int count, string stateDirectory, int generation = 5) => new()
    {
        Count = count,
        FirstPort = 0,
        Generation = generation,
        StateDirectory = stateDirectory,
        UseHttps = true,
        ResetDuration = RebootTime,
        // A real iLO takes a while to write the file to NAND; a short pause keeps the demo honest and quick.
        BackupRestore = new BackupRestoreOptions
        {
            BackupDuration = TimeSpan.FromMilliseconds(500),
            RestoreResetDelay = TimeSpan.FromMilliseconds(300),
            // iLO 7 (and iLO 5 3.16+ / iLO 6 1.71+) make an internal backup after the restore; the reset waits for it.
            InternalBackupDuration = TimeSpan.FromSeconds(1),
        },
    };
}
