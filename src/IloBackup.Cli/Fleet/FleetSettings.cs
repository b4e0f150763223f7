using System.CommandLine;
using IloBackup.Engine.Fleet;

namespace IloBackup.Cli.Fleet;

/// <summary>
/// The settings step of the fleet verbs: what the command line says, read without any I/O
/// (<see cref="From"/>), then checked by <see cref="Validate"/> before the inventory is read, a
/// secret is read or an iLO is contacted.
/// </summary>
internal sealed record FleetSettings
{
    public required string Inventory { get; init; }
    public string? Tags { get; init; }
    public string? Limit { get; init; }
    public string? PasswordFile { get; init; }
    public bool PasswordStdin { get; init; }
    public int Concurrency { get; init; }
    public int Retries { get; init; }
    public required string Deadline { get; init; }
    public string? Html { get; init; }
    public Connection.TlsSettings? Tls { get; init; }

    public static FleetSettings From(ParseResult parse, FleetConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(options);
        return new FleetSettings
        {
            Inventory = parse.GetValue(options.Inventory)!,
            Tags = parse.GetValue(options.Tags),
            Limit = parse.GetValue(options.Limit),
            PasswordFile = parse.GetValue(options.PasswordFile),
            PasswordStdin = parse.GetValue(options.PasswordStdin),
            Concurrency = parse.GetValue(options.Concurrency),
            Retries = parse.GetValue(options.Retries),
            Deadline = parse.GetValue(options.Deadline)!,
            Html = parse.GetValue(options.Html),
            Tls = Connection.TlsSettings.From(parse, options.Tls),
        };
    }

    /// <summary>The time each iLO gets (checked by <see cref="Validate"/>).</summary>
    public TimeSpan HostDeadline => Connection.DurationText.Parse(Deadline, "--deadline");

    /// <summary>Refuses (exit 2) a command line that cannot work; touches nothing.</summary>
    public FleetSettings Validate()
    {
        if (Concurrency is < 1 or > 4096)
        {
            throw new CliUsageException("--concurrency must be between 1 and 4096");
        }

        if (Retries is < 0 or > 10)
        {
            throw new CliUsageException("--retries must be between 0 and 10");
        }

        _ = HostDeadline;
        if (PasswordFile is not null && PasswordStdin)
        {
            throw new CliUsageException("give --password-file or --password-stdin, not both");
        }

        Tls?.Validate();

        foreach (var (name, list) in new[] { ("--tags", Tags), ("--limit", Limit) })
        {
            if (list is not null && list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length == 0)
            {
                throw new CliUsageException($"{name} names nothing: give one or more, separated by commas");
            }
        }

        if (Html is not null && Path.GetDirectoryName(Path.GetFullPath(Html)) is { } folder && !Directory.Exists(folder))
        {
            throw new CliUsageException($"--html {Html}: the folder {folder} does not exist");
        }

        return this;
    }

    public FleetRunnerOptions Runner() => new() { Concurrency = Concurrency, MaxRetries = Retries, HostDeadline = HostDeadline };
}
