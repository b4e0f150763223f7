using System.CommandLine;
using IloBackup.Redfish;
using IloBackup.Redfish.Credentials;
using IloBackup.Redfish.Tls;
using Microsoft.Extensions.Logging;

namespace IloBackup.Cli.Connection;

/// <summary>
/// What every single-iLO verb shares: the HOST argument, credentials, TLS trust (verified and
/// pinned by default, <c>--trust-new</c>, <c>--ca-file</c>, <c>--insecure</c>), <c>--json</c>, <c>--verbose</c>.
/// </summary>
internal sealed class ConnectionOptions
{
    public Argument<string> Host { get; } = new("HOST") { Description = "The iLO: host, host:port or https://host:port" };

    public PasswordOptions Password { get; } = new();

    public Option<bool> TrustNew { get; } = new("--trust-new") { Description = "Accept and pin a certificate seen for the first time (known_hosts)" };

    public Option<string?> Fingerprint { get; } = new("--fingerprint") { Description = "Expect this certificate fingerprint (SHA256:...)", HelpName = "SHA256" };

    public Option<string?> CaFile { get; } = new("--ca-file") { Description = "Trust certificates issued by these CAs (PEM)", HelpName = "FILE" };

    public Option<bool> Insecure { get; } = new("--insecure") { Description = "DANGEROUS: accept any certificate, no protection against a man in the middle" };

    public Option<string?> Timeout { get; } = new("--timeout") { Description = "Time allowed for one request (default 60s)", HelpName = "TIME" };

    public Option<string?> Deadline { get; } = new("--deadline") { Description = "Total time allowed (default 5m; restore: 10m for the iLO to come back, plus 2m)", HelpName = "TIME" };

    public Option<bool> Json { get; } = new("--json") { Description = "Output JSON for scripts" };

    public Option<bool> Verbose { get; } = new("--verbose") { Description = "Log each step to stderr; stack traces on errors" };

    public void AddTo(Command command, bool withHost = true)
    {
        if (withHost)
        {
            command.Arguments.Add(Host);
        }

        foreach (var option in Password.All.Concat([TrustNew, Fingerprint, CaFile, Insecure, Timeout, Deadline, Json, Verbose]))
        {
            command.Options.Add(option);
        }
    }

    public RedfishEndpoint Endpoint(ParseResult parse)
    {
        var host = parse.GetValue(Host)!;
        return RedfishEndpoint.TryParse(host, out var endpoint, out var error) ? endpoint : throw new CliUsageException(error);
    }

    /// <summary>The <c>--deadline</c> given, else <paramref name="fallback"/>.</summary>
    public TimeSpan DeadlineOf(ParseResult parse, TimeSpan fallback) =>
        parse.GetValue(Deadline) is { } text ? DurationText.Parse(text, "--deadline") : fallback;

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
        var tls = Tls(parse, console);
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

    private TlsPolicy Tls(ParseResult parse, CliConsole console)
    {
        var insecure = parse.GetValue(Insecure);
        var ca = parse.GetValue(CaFile);
        var fingerprint = parse.GetValue(Fingerprint);
        if (insecure && (ca is not null || parse.GetValue(TrustNew) || fingerprint is not null))
        {
            throw new CliUsageException("--insecure cannot be combined with --ca-file, --trust-new or --fingerprint");
        }

        if (fingerprint is not null && CertificateFingerprint.Normalize(fingerprint) is null)
        {
            throw new CliUsageException("--fingerprint: not a SHA256 fingerprint (SHA256:AB:CD:...)");
        }

        if (insecure)
        {
            console.Error.WriteLine("warning: --insecure: the iLO's certificate is NOT checked; anyone on the path can read the credentials");
            return TlsPolicy.DangerousAcceptAnyCertificate();
        }

        if (ca is not null)
        {
            return File.Exists(ca) ? TlsPolicy.FromCaFile(ca) : throw new CliUsageException($"--ca-file: {ca} does not exist");
        }

        return TlsPolicy.VerifyAndPin(new KnownHostsFile(Configuration.CliSettings.Of(parse).KnownHostsPath)) with
        {
            TrustNew = parse.GetValue(TrustNew),
            PinnedFingerprint = fingerprint,
            Prompt = console.IsInteractive ? (certificate, ct) => AskAsync(console, certificate, ct) : null,
        };
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
