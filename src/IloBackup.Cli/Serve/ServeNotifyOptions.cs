using System.CommandLine;
using System.Text;
using IloBackup.Serve.Notifications;
using Microsoft.Extensions.Logging;

namespace IloBackup.Cli.Serve;

/// <summary>
/// The notification options of <c>serve</c>: a webhook and/or mail, the events they send, the throttle. Secrets come from
/// files or the environment only (ILOBACKUP_WEBHOOK_SECRET, ILOBACKUP_SMTP_PASSWORD), never from the command line.
/// </summary>
internal sealed class ServeNotifyOptions
{
    public const string WebhookSecretVariable = "ILOBACKUP_WEBHOOK_SECRET";
    public const string SmtpPasswordVariable = "ILOBACKUP_SMTP_PASSWORD";

    public Option<string?> Webhook { get; } = new("--webhook") { Description = "POST a signed JSON message here on each chosen event", HelpName = "URL" };
    public Option<string?> WebhookSecretFile { get; } = new("--webhook-secret-file") { Description = $"The webhook's HMAC-SHA256 secret (default: ${WebhookSecretVariable})", HelpName = "FILE" };
    public Option<string?> Smtp { get; } = new("--smtp") { Description = "Send mail through this SMTP server (STARTTLS required unless it is on loopback)", HelpName = "HOST[:PORT]" };
    public Option<string?> MailFrom { get; } = new("--mail-from") { Description = "The sender of the mails", HelpName = "ADDRESS" };
    public Option<string[]> MailTo { get; } = new("--mail-to") { Description = "A recipient (repeat or separate with commas)", HelpName = "ADDRESS", AllowMultipleArgumentsPerToken = false };
    public Option<string?> SmtpUser { get; } = new("--smtp-user") { Description = "Sign in to the SMTP server as this user", HelpName = "USER" };
    public Option<string?> SmtpPasswordFile { get; } = new("--smtp-password-file") { Description = $"The SMTP password (default: ${SmtpPasswordVariable})", HelpName = "FILE" };
    public Option<string> Events { get; } = new("--notify") { Description = "Events to send: backup-failed, configuration-changed, suspect-backup, run-finished (comma-separated)", DefaultValueFactory = _ => "backup-failed,configuration-changed,suspect-backup,run-finished", HelpName = "EVENTS" };
    public Option<string> Throttle { get; } = new("--notify-throttle") { Description = "At most one message per event kind in this time (0: no throttle)", DefaultValueFactory = _ => "15m", HelpName = "TIME" };

    public IEnumerable<Option> All => [Webhook, WebhookSecretFile, Smtp, MailFrom, MailTo, SmtpUser, SmtpPasswordFile, Events, Throttle];

    /// <summary>The dispatcher for the options given, or null when no channel is configured. Usage errors throw <see cref="CliUsageException"/>.</summary>
    public NotificationDispatcher? Create(ParseResult parse, string repository, TimeProvider time, ILogger logger)
    {
        var channels = new List<INotificationChannel>();
        if (parse.GetValue(Webhook) is { } url)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                throw new CliUsageException($"--webhook: '{url}' is not an http(s) URL");
            }

            var secret = Secret(parse.GetValue(WebhookSecretFile), WebhookSecretVariable, "--webhook-secret-file")
                ?? throw new CliUsageException($"--webhook needs a secret: --webhook-secret-file FILE or ${WebhookSecretVariable}");
            channels.Add(new WebhookChannel(uri, Encoding.UTF8.GetBytes(secret), WebhookRetry.Default, time));
        }

        if (parse.GetValue(Smtp) is { } smtp)
        {
            var to = (parse.GetValue(MailTo) ?? []).SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            var from = parse.GetValue(MailFrom);
            if (from is null || to.Count == 0)
            {
                throw new CliUsageException("--smtp needs --mail-from and at least one --mail-to");
            }

            var (host, port) = HostPort(smtp);
            var user = parse.GetValue(SmtpUser);
            var password = user is null ? null : Secret(parse.GetValue(SmtpPasswordFile), SmtpPasswordVariable, "--smtp-password-file")
                ?? throw new CliUsageException($"--smtp-user needs a password: --smtp-password-file FILE or ${SmtpPasswordVariable}");
            channels.Add(new EmailChannel(new EmailSettings { Host = host, Port = port, From = from, To = to, User = user, Password = password }));
        }

        if (channels.Count == 0)
        {
            return null;
        }

        HashSet<NotificationKind> kinds;
        try
        {
            kinds = parse.GetValue(Events)!.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Notification.Parse).ToHashSet();
        }
        catch (FormatException ex)
        {
            throw new CliUsageException($"--notify: {ex.Message}", ex);
        }

        var throttleText = parse.GetValue(Throttle)!;
        var throttle = throttleText.Trim() == "0" ? TimeSpan.Zero : Connection.DurationText.Parse(throttleText, "--notify-throttle");
        return new NotificationDispatcher(repository, channels.Select(c => new NotificationRoute(c, kinds)).ToList(), new NotificationThrottle(throttle, time), logger);
    }

    private static string? Secret(string? file, string variable, string option)
    {
        if (file is not null)
        {
            try
            {
                var text = File.ReadAllText(file).TrimEnd('\r', '\n');
                return text.Length > 0 ? text : throw new CliUsageException($"{option}: {file} is empty");
            }
            catch (IOException ex)
            {
                throw new CliUsageException($"{option}: cannot read {file}: {ex.Message}", ex);
            }
        }

        return Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : null;
    }

    private static (string Host, int Port) HostPort(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon > 0 && !text.EndsWith(']') && int.TryParse(text[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536)
        {
            return (text[..colon].Trim('[', ']'), port);
        }

        return (text.Trim('[', ']'), 587);
    }
}
