using Microsoft.Extensions.Logging;

namespace IloBackup.Emulator.Hosting;

/// <summary>How to start a fleet of emulated iLOs (the CLI's <c>emulator</c> options, as a record).</summary>
public sealed record EmulatorOptions
{
    /// <summary>Number of iLOs.</summary>
    public int Count { get; init; } = 1;

    /// <summary>iLO k listens on <c>FirstPort + k</c>; 0 picks free ports.</summary>
    public int FirstPort { get; init; }

    /// <summary>iLO generation: 5, 6 or 7.</summary>
    public int Generation { get; init; } = 5;

    /// <summary>Firmware version the iLOs report (and whose behaviour they follow); null: the kept one, else 2.78 (iLO 5) / 1.59 (iLO 6) / 1.12.00 (iLO 7).</summary>
    public string? Firmware { get; init; }

    public string AdminUser { get; init; } = "Administrator";

    /// <summary>Null: the password kept in the state directory, or a new random one.</summary>
    public string? AdminPassword { get; init; }

    /// <summary>Where configuration (SRAM), state, certificates and NAND files persist; null keeps everything in memory.</summary>
    public string? StateDirectory { get; init; }

    /// <summary>HTTPS (default) or plain HTTP.</summary>
    public bool UseHttps { get; init; } = true;

    /// <summary>Added to every answer, to imitate a real iLO.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Port of the scenario-control endpoint: null for none, 0 for a free port.</summary>
    public int? ControlPort { get; init; }

    /// <summary>How long an iLO stays unreachable after a reset (scenario controls, Manager.Reset).</summary>
    public TimeSpan ResetDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>False: no sockets at all, only in-process handlers (fast tests).</summary>
    public bool Listen { get; init; } = true;

    /// <summary>The clock of every iLO: latency, timeouts, resets, logs. Tests pass a FakeTimeProvider.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Null: no logging.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Backup and Restore: backup duration, padding, upload limit, auto-restore delay (docs/emulator-backup-restore.md).</summary>
    public BackupRestore.BackupRestoreOptions BackupRestore { get; init; } = new();

    /// <summary>Faults and their seed (docs/emulator.md, "Faults"); null: every iLO is healthy.</summary>
    public Faults.FaultProfile? Faults { get; init; }

    /// <summary>The default firmware of a generation.</summary>
    public static string DefaultFirmware(int generation) => Ilo.IloGenerations.DefaultFirmware(generation);
}
