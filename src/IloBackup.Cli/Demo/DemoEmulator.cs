using IloBackup.Emulator.BackupRestore;
using IloBackup.Emulator.Hosting;

namespace IloBackup.Cli.Demo;

/// <summary>The demo's emulator settings: realistic behaviour, with waits shortened so the demo takes seconds.</summary>
internal static class DemoEmulator
{
    /// <summary>How long an iLO stays away after a battery failure or a restore.</summary>
    public static TimeSpan RebootTime { get; } = TimeSpan.FromSeconds(2);

    public static EmulatorOptions Options(int count, string stateDirectory) => new()
    {
        Count = count,
        FirstPort = 0,
        Generation = 5,
        StateDirectory = stateDirectory,
        UseHttps = true,
        ResetDuration = RebootTime,
        // A real iLO takes a while to write the file to NAND; a short pause keeps the demo honest and quick.
        BackupRestore = new BackupRestoreOptions
        {
            BackupDuration = TimeSpan.FromMilliseconds(500),
            RestoreResetDelay = TimeSpan.FromMilliseconds(300),
        },
    };
}
