using IloBackup.Cli.Connection;

namespace IloBackup.Cli.CustomBackup;

/// <summary>The settings step of <c>ilobackup custom-backup</c>: the command line read without I/O, checked by <see cref="Validate"/> before a secret is read or the iLO contacted.</summary>
internal sealed record CustomBackupSettings
{
    public required IloSettings Ilo { get; init; }
    public bool Enable { get; init; }
    public bool Disable { get; init; }

    /// <summary>Refuses (exit 2) a command line that cannot work; touches nothing.</summary>
    public CustomBackupSettings Validate()
    {
        Ilo.Validate();
        return Enable && Disable ? throw new CliUsageException("give --enable or --disable, not both") : this;
    }
}
