using System.CommandLine;
using IloBackup.Redfish;

namespace IloBackup.Cli.Connection;

/// <summary>
/// The settings step every single-iLO verb shares (the counterpart of the fleet's <c>FleetSettings</c>):
/// the HOST, the iLO password's source, TLS trust and the times, read from the command line without
/// any I/O (<see cref="From"/>) and checked by <see cref="Validate"/> before a secret is read or the iLO is contacted.
/// </summary>
internal sealed record IloSettings
{
    public required string Host { get; init; }
    public string? PasswordFile { get; init; }
    public bool PasswordStdin { get; init; }
    public required TlsSettings Tls { get; init; }
    public string? Timeout { get; init; }
    public string? Deadline { get; init; }
    public bool Json { get; init; }

    public static IloSettings From(ParseResult parse, ConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(options);
        return new IloSettings
        {
            Host = parse.GetValue(options.Host)!,
            PasswordFile = parse.GetValue(options.Password.PasswordFile),
            PasswordStdin = parse.GetValue(options.Password.PasswordStdin),
            Tls = TlsSettings.From(parse, options.Tls),
            Timeout = parse.GetValue(options.Timeout),
            Deadline = parse.GetValue(options.Deadline),
            Json = parse.GetValue(options.Json),
        };
    }

    /// <summary>The iLO's address (checked by <see cref="Validate"/>).</summary>
    public RedfishEndpoint Endpoint
    {
        get
        {
            var endpoint = RedfishEndpoint.TryParse(Host, out var parsed, out var error) ? parsed : throw new CliUsageException(error);
            SchemeCheck.Check(endpoint);
            return endpoint;
        }
    }

    /// <summary>The <c>--deadline</c> given, else <paramref name="fallback"/>.</summary>
    public TimeSpan DeadlineOr(TimeSpan fallback) => Deadline is { } text ? DurationText.Parse(text, "--deadline") : fallback;

    /// <summary>Refuses (exit 2) a command line that cannot work; touches nothing.</summary>
    public IloSettings Validate()
    {
        _ = Endpoint;
        if (PasswordFile is not null && PasswordStdin)
        {
            throw new CliUsageException("give --password-file or --password-stdin, not both");
        }

        Tls.Validate();
        if (Timeout is not null)
        {
            _ = DurationText.Parse(Timeout, "--timeout");
        }

        _ = DeadlineOr(TimeSpan.Zero);
        return this;
    }
}
