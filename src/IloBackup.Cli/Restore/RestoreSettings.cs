using IloBackup.Cli.Connection;
using IloBackup.Cli.Repository;

namespace IloBackup.Cli.Restore;

/// <summary>
/// The settings step of <c>ilobackup restore</c>: the command line read without I/O, checked by
/// <see cref="Validate"/> before a secret, the repository or the iLO is touched. A new user without a
/// way to read its password is refused here, before any connection (issue 13).
/// </summary>
internal sealed record RestoreSettings
{
    public required IloSettings Ilo { get; init; }
    public required FilePasswordSettings FilePassword { get; init; }
    public string? File { get; init; }
    public string? Repo { get; init; }
    public string? Backup { get; init; }
    public string? At { get; init; }
    public required string PollInterval { get; init; }
    public string? NewUser { get; init; }
    public string? NewPasswordEnv { get; init; }
    public string? NewPasswordFile { get; init; }
    public bool DryRun { get; init; }
    public bool Yes { get; init; }

    /// <summary>True when FILE is absent: the backup comes from the repository.</summary>
    public bool FromRepository => File is null;

    public TimeSpan Poll => DurationText.Parse(PollInterval, "--poll-interval");

    /// <summary>Refuses (exit 2) a command line that cannot work; touches nothing but the existence of FILE and the CA file.</summary>
    public RestoreSettings Validate(bool interactive)
    {
        Ilo.Validate();
        if (File is not null && (Repo is not null || Backup is not null || At is not null))
        {
            throw new CliUsageException("give a backup FILE or --repo/--backup/--at, not both");
        }

        if (Backup is not null && At is not null)
        {
            throw new CliUsageException("give --backup or --at, not both");
        }

        _ = Backup is null ? 0 : RepoCli.ParseId(Backup);
        _ = At is null ? default : RepositoryRestoreOptions.ParseTime(At);
        if (File is not null && !System.IO.File.Exists(File))
        {
            throw new CliUsageException($"{File} does not exist");
        }

        if (NewUser is null && (NewPasswordEnv is not null || NewPasswordFile is not null))
        {
            throw new CliUsageException("--new-password-env/--new-password-file need --new-user");
        }

        if (NewPasswordEnv is not null && NewPasswordFile is not null)
        {
            throw new CliUsageException("give --new-password-env or --new-password-file, not both");
        }

        if (NewUser is not null && NewPasswordEnv is null && NewPasswordFile is null && !interactive)
        {
            throw new CliUsageException("--new-user needs --new-password-env or --new-password-file when not at a terminal");
        }

        FilePassword.Validate(Ilo.PasswordStdin, interactive);
        _ = Poll;
        return this;
    }
}
