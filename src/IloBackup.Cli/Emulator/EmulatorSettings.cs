namespace IloBackup.Cli.Emulator;

/// <summary>The options of <c>ilobackup emulator</c>, parsed.</summary>
internal sealed record EmulatorSettings
{
    public int Port { get; init; } = 8443;
    public int Count { get; init; } = 1;
    public int Generation { get; init; } = 5;
    public string? Firmware { get; init; }
    public string AdminUser { get; init; } = "Administrator";
    public string? AdminPassword { get; init; }
    public required string StateDirectory { get; init; }
    public bool Http { get; init; }
    public string? InventoryOut { get; init; }
    public int LatencyMs { get; init; }
    public int ControlPort { get; init; }
    public double ResetSeconds { get; init; } = 60;

    /// <summary><c>--backup-seconds</c>, <c>--backup-padding-bytes</c>, <c>--max-upload-bytes</c>, <c>--auto-restore-seconds</c>.</summary>
    public IloBackup.Emulator.BackupRestore.BackupRestoreOptions BackupRestore { get; init; } = new();

    /// <summary><c>--fault</c>, <c>--profile</c>, <c>--fault-seed</c>: null when every iLO is healthy.</summary>
    public IloBackup.Emulator.Faults.FaultProfile? Faults { get; init; }

    /// <summary><c>$XDG_STATE_HOME/ilobackup/emulator</c>, else <c>~/.local/state/ilobackup/emulator</c>.</summary>
    public static string DefaultStateDirectory()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        var root = string.IsNullOrEmpty(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state")
            : xdg;
        return Path.Combine(root, "ilobackup", "emulator");
    }
}
