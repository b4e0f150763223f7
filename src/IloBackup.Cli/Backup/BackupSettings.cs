using IloBackup.Cli.Connection;

namespace IloBackup.Cli.Backup;

/// <summary>The settings step of <c>ilobackup backup</c>: the command line read without I/O, checked by <see cref="Validate"/> before any secret, file or iLO.</summary>
internal sealed record BackupSettings
{
    public required IloSettings Ilo { get; init; }
    public required FilePasswordSettings FilePassword { get; init; }
    public required string Output { get; init; }
    public bool Overwrite { get; init; }
    public bool NoSnapshot { get; init; }
    public string? MaxBackupSize { get; init; }

    /// <summary>The largest file accepted (checked by <see cref="Validate"/>).</summary>
    public long MaxBackupBytes => MaxBackupSize is { } text ? SizeText.Parse(text, "--max-backup-size") : Redfish.RedfishClientOptions.DefaultMaxBackupBytes;

    /// <summary>Refuses (exit 2) a command line that cannot work; touches nothing.</summary>
    public BackupSettings Validate(bool interactive)
    {
        Ilo.Validate();
        FilePassword.Validate(Ilo.PasswordStdin, interactive);
        _ = MaxBackupBytes;
        return this;
    }
}
