using IloBackup.Cli.Connection;

namespace IloBackup.Cli.Nand;

/// <summary>The settings step of <c>ilobackup nand</c>: the command line read without I/O, checked by <see cref="Validate"/> before a secret is read or the iLO contacted.</summary>
internal sealed record NandSettings
{
    public required IloSettings Ilo { get; init; }
    public required string Action { get; init; }
    public string? Id { get; init; }
    public bool Yes { get; init; }
    public required string PollInterval { get; init; }

    public TimeSpan Poll => DurationText.Parse(PollInterval, "--poll-interval");

    /// <summary>Refuses (exit 2) a command line that cannot work; touches nothing.</summary>
    public NandSettings Validate(bool interactive)
    {
        Ilo.Validate();
        if (Action is "delete" or "restore" && string.IsNullOrWhiteSpace(Id))
        {
            throw new CliUsageException($"nand {Action} needs the backup's ID (see: nand HOST list)");
        }

        if (Action == "restore" && !Yes && (!interactive || Ilo.PasswordStdin))
        {
            throw new CliUsageException("restore changes the iLO and resets it: confirm with --yes when not at a terminal");
        }

        _ = Action == "restore" ? Poll : default;
        return this;
    }
}
