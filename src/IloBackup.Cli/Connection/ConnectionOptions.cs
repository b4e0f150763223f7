using System.CommandLine;
using IloBackup.Redfish;
using IloBackup.Redfish.Credentials;
using IloBackup.Redfish.Tls;
using Microsoft.Extensions.Logging;

namespace IloBackup.Cli.Connection;

/// <summary>
/// What every single-iLO verb shares: the HOST argument, credentials, TLS trust (<see cref="TlsOptions"/>,
/// the same type as the fleet's), <c>--json</c>, <c>--verbose</c>.
/// </summary>
internal sealed class ConnectionOptions
{
    public Argument<string> Host { get; } = new("HOST") { Description = "The iLO: host, host:port or https://host:port" };

    public PasswordOptions Password { get; } = new();

    public TlsOptions Tls { get; } = new(singleHost: true);

    public Option<string?> Timeout { get; } = new("--timeout") { Description = "Time allowed for one request (default 60s)", HelpName = "TIME" };

    public Option<string?> Deadline { get; } = new("--deadline") { Description = "Total time allowed (default 5m; restore: 10m for the iLO to come back, plus 2m)", HelpName = "TIME" };

    public Option<bool> Json { get; } = Output.CommonOptions.Json();

    public Option<bool> Verbose { get; } = Output.CommonOptions.Verbose();

    public void AddTo(Command command, bool withHost = true)
    {
        if (withHost)
        {
            command.Arguments.Add(Host);
        }

        foreach (var option in Password.All.Concat(Tls.All).Concat([Timeout, Deadline, Json, Verbose]))
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The settings step: the shared command line, checked before any I/O (<see cref="IloSettings.Validate"/>).</summary>
    public IloSettings Settings(ParseResult parse) => IloSettings.From(parse, this).Validate();

    public RedfishEndpoint Endpoint(ParseResult parse) => IloSettings.From(parse, this).Endpoint;

    /// <summary>The <c>--deadline</c> given, else <paramref name="fallback"/>.</summary>
    public TimeSpan DeadlineOf(ParseResult parse, TimeSpan fallback) => IloSettings.From(parse, this).DeadlineOr(fallback);

    /// <summary>Runs a verb's body within its total deadline (<see cref="VerbDeadline"/>).</summary>
    public Task<int> WithinDeadlineAsync(
        ParseResult parse, CliConsole console, string verb, TimeSpan fallback, Func<CancellationToken, Task<int>> body, CancellationToken cancellationToken) =>
        VerbDeadline.RunAsync(console, Endpoint(parse).ToString(), verb, DeadlineOf(parse, fallback), body, cancellationToken);

    /// <summary>The log sink: warnings only, everything with <c>--verbose</c>; always on stderr.</summary>
    public ILoggerFactory Logs(ParseResult parse, CliConsole console) =>
        new StderrLoggerFactory(console.Error, parse.GetValue(Verbose) ? LogLevel.Debug : LogLevel.Warning);

    public async Task<RedfishClient> ClientAsync(
        ParseResult parse, CliConsole console, ILoggerFactory logs, CancellationToken cancellationToken, Func<RedfishClientOptions, RedfishClientOptions>? tune = null)
    {
        var endpoint = Endpoint(parse);
        if (SchemeCheck.Warning(endpoint) is { } warning)
        {
            await console.Error.WriteLineAsync(warning).ConfigureAwait(false);
        }

        var tls = Tls.Policy(parse, console, console.IsInteractive ? (certificate, ct) => AskAsync(console, certificate, ct) : null);
        if (console.OwnsProcess && !tls.ConsultsSystemTrust(endpoint.HostPort))
        {
            SystemCaStore.SkipLoading(logs.CreateLogger("IloBackup.Cli"));
        }

        var options = new RedfishClientOptions();
        if (parse.GetValue(Timeout) is { } timeout)
        {
            options = options with { RequestTimeout = DurationText.Parse(timeout, "--timeout") };
        }

        options = tune?.Invoke(options) ?? options;
        var user = parse.GetValue(Password.User)!;
        var password = await Password.ReadAsync(parse, console, endpoint.ToString(), cancellationToken).ConfigureAwait(false);
        return RedfishClient.CreateBuilder(endpoint)
            .WithCredentials(new RedfishCredential(user, password))
            .WithTls(tls)
            .WithOptions(options)
            .WithTimeProvider(console.Time)
            .WithLoggerFactory(logs)
            .Build();
    }

    private static async ValueTask<bool> AskAsync(CliConsole console, UnknownCertificate certificate, CancellationToken cancellationToken)
    {
        await console.Error.WriteLineAsync(
            $"The iLO at {certificate.HostPort} presents a certificate that is not trusted and not pinned:\n"
            + $"  subject:     {certificate.Subject}\n  issuer:      {certificate.Issuer}\n  expires:     {certificate.NotAfter:yyyy-MM-dd}\n"
            + $"  fingerprint: {certificate.Fingerprint}\n"
            + "Compare the fingerprint with the one the iLO shows (Security > SSL Certificate).").ConfigureAwait(false);
        return await SecretPrompt.ConfirmAsync(console, "Trust it and pin it in known_hosts?", cancellationToken).ConfigureAwait(false);
    }
}
