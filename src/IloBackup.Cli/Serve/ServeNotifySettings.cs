using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using IloBackup.Cli.Configuration;
using IloBackup.Serve.Notifications;
using Microsoft.Extensions.Logging;

namespace IloBackup.Cli.Serve;

/// <summary>
/// The notification part of <see cref="ServeSettings"/>: each channel with the events it sends, the throttle, and where the
/// secrets are (read only when the service starts, after <see cref="Validate"/>).
/// </summary>
internal sealed record ServeNotifySettings
{
    public Given Webhook { get; init; }
    public ServeSecret? WebhookSecret { get; init; }
    public Given WebhookEvents { get; init; }
    public Given Smtp { get; init; }
    public Given SmtpPort { get; init; }
    public Given MailFrom { get; init; }
    public IReadOnlyList<string> MailTo { get; init; } = [];
    public Given SmtpUser { get; init; }
    public ServeSecret? SmtpPassword { get; init; }
    public Given SmtpCa { get; init; }
    public Given MailEvents { get; init; }
    public Given Throttle { get; init; }

    public static ServeNotifySettings From(ServeSource source, ServeNotifyOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        var webhook = source.Read(options.Webhook, ServeSettingKeys.WebhookUrl);
        var smtp = source.Read(options.Smtp, ServeSettingKeys.MailServer);
        var user = source.Read(options.SmtpUser, ServeSettingKeys.MailUser);
        var port = ServeSettingKeys.MailPort;
        return new ServeNotifySettings
        {
            Webhook = webhook,
            WebhookSecret = webhook.Value is null ? null : source.Secret(options.WebhookSecretFile, ServeSettingKeys.WebhookSecretFile, ServeSettingKeys.WebhookSecretEnv),
            WebhookEvents = Events(source, options, options.WebhookEvents, ServeSettingKeys.WebhookEvents),
            Smtp = smtp,
            // The port key goes with the server of the section; a server given as a flag brings its own (HOST:PORT, else 587).
            SmtpPort = !source.IsGiven(options.Smtp) && source.FromSettings(port) ? new Given(source.Settings[port].Value, source.Settings[port].Named()) : default,
            MailFrom = source.Read(options.MailFrom, ServeSettingKeys.MailFrom),
            MailTo = (source.Value(options.MailTo) ?? []).SelectMany(SettingValue.Items).ToList(),
            SmtpUser = user,
            SmtpPassword = smtp.Value is null || user.Value is null ? null
                : source.Secret(options.SmtpPasswordFile, ServeSettingKeys.MailPasswordFile, ServeSettingKeys.MailPasswordEnv),
            SmtpCa = source.Read(options.SmtpCa, ServeSettingKeys.MailCa),
            MailEvents = Events(source, options, options.MailEvents, ServeSettingKeys.MailEvents),
            Throttle = source.Read(options.Throttle, ServeSettingKeys.Throttle),
        };
    }

    /// <summary>A channel's events: its flag, else <c>--notify</c>, else its key in the section, else <c>notify.events</c>, else all.</summary>
    private static Given Events(ServeSource source, ServeNotifyOptions options, System.CommandLine.Option<string?> channel, SettingKey key) =>
        source.IsGiven(channel) ? source.Read(channel, key)
        : source.IsGiven(options.Events) ? source.Read(options.Events, ServeSettingKeys.Events)
        : source.FromSettings(key) ? source.Read(channel, key)
        : source.Read(options.Events, ServeSettingKeys.Events);

    public IReadOnlySet<NotificationKind> WebhookKinds => Kinds(WebhookEvents);
    public IReadOnlySet<NotificationKind> MailKinds => Kinds(MailEvents);
    public TimeSpan ThrottleTime => Connection.DurationText.Parse(Throttle.Value!, Throttle.Label, TimeSpan.FromSeconds(1), allowZero: true);

    /// <summary>Refuses (exit 2) what cannot work; touches nothing.</summary>
    public ServeNotifySettings Validate()
    {
        if (Webhook.Value is { } url)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                throw new CliUsageException($"{Webhook.Label}: '{url}' is not an http(s) URL");
            }

            if (WebhookSecret is null)
            {
                throw new CliUsageException(
                    $"{Webhook.Label} needs a secret: --webhook-secret-file FILE or ${ServeSettingKeys.WebhookSecretVariable} (in the config file: secret-file or secret-env)");
            }

            _ = WebhookKinds;
        }

        if (Smtp.Value is not null)
        {
            if (MailFrom.Value is null || MailTo.Count == 0)
            {
                throw new CliUsageException("--smtp needs --mail-from and at least one --mail-to (in the config file: notify.mail.from and notify.mail.to)");
            }

            _ = SmtpEndpoint;
            if (SmtpUser.Value is not null && SmtpPassword is null)
            {
                throw new CliUsageException(
                    $"--smtp-user needs a password: --smtp-password-file FILE or ${ServeSettingKeys.SmtpPasswordVariable} (in the config file: password-file or password-env)");
            }

            _ = MailKinds;
            if (SmtpCa.Value is { } ca && !File.Exists(ca))
            {
                throw new CliUsageException($"{SmtpCa.Label}: no file {ca}");
            }
        }

        _ = ThrottleTime;
        return this;
    }

    /// <summary>The SMTP server: HOST[:PORT] (587 by default), or the section's server with its <c>port</c>.</summary>
    public (string Host, int Port) SmtpEndpoint
    {
        get
        {
            var text = Smtp.Value!;
            var colon = text.LastIndexOf(':');
            var hasPort = colon > 0 && !text.EndsWith(']') && int.TryParse(text[(colon + 1)..], CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536;
            var host = (hasPort ? text[..colon] : text).Trim('[', ']');
            if (SmtpPort.Value is { } configured)
            {
                return hasPort
                    ? throw new CliUsageException($"{Smtp.Label} names a port and so does {SmtpPort.Label}: give it once")
                    : (host, int.Parse(configured, CultureInfo.InvariantCulture));
            }

            return (host, hasPort ? int.Parse(text[(colon + 1)..], CultureInfo.InvariantCulture) : 587);
        }
    }

    /// <summary>The dispatcher, or null when no channel is configured; reads the secrets (after <see cref="Validate"/>).</summary>
    public async Task<NotificationDispatcher?> CreateAsync(CliConsole console, string repository, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var routes = new List<NotificationRoute>();
        if (Webhook.Value is { } url)
        {
            var secret = await WebhookSecret!.ReadAsync(console, cancellationToken).ConfigureAwait(false);
            routes.Add(new NotificationRoute(new WebhookChannel(new Uri(url), Encoding.UTF8.GetBytes(secret), WebhookRetry.Default, time), WebhookKinds));
        }

        if (Smtp.Value is not null)
        {
            var (host, port) = SmtpEndpoint;
            var password = SmtpPassword is null ? null : await SmtpPassword.ReadAsync(console, cancellationToken).ConfigureAwait(false);
            var roots = SmtpCa.Value is { } ca ? ReadCertificates(ca, SmtpCa.Label) : null;
            routes.Add(new NotificationRoute(
                new EmailChannel(new EmailSettings
                {
                    Host = host, Port = port, From = MailFrom.Value!, To = MailTo, User = SmtpUser.Value, Password = password, TrustedRoots = roots,
                }),
                MailKinds));
        }

        return routes.Count == 0 ? null : new NotificationDispatcher(repository, routes, new NotificationThrottle(ThrottleTime, time), logger);
    }

    private static X509Certificate2Collection ReadCertificates(string path, string label)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPemFile(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new CliUsageException($"{label}: cannot read CA certificates from {path}: {ex.Message}", ex);
        }

        return certificates.Count > 0 ? certificates : throw new CliUsageException($"{label}: {path} holds no PEM certificate");
    }

    private static HashSet<NotificationKind> Kinds(Given events)
    {
        try
        {
            var kinds = SettingValue.Items(events.Value ?? string.Empty).Select(Notification.Parse).ToHashSet();
            return kinds.Count > 0 ? kinds : throw new CliUsageException($"{events.Label}: names no event");
        }
        catch (FormatException ex)
        {
            throw new CliUsageException($"{events.Label}: {ex.Message}", ex);
        }
    }
}
