using System.CommandLine;
using IloBackup.Cli.Configuration;

namespace IloBackup.Cli.Serve;

/// <summary>
/// The notification options of <c>serve</c>: a webhook and/or mail, the events each sends, the throttle. Secrets come from
/// files or the environment only (ILOBACKUP_WEBHOOK_SECRET, ILOBACKUP_SMTP_PASSWORD), never from the command line or the
/// config file's text. Read into <see cref="ServeNotifySettings"/>.
/// </summary>
internal sealed class ServeNotifyOptions
{
    private const string EventNames = "backup-failed, configuration-changed, suspect-backup, run-finished";

    public Option<string?> Webhook { get; } = new("--webhook") { Description = "POST a signed JSON message here on each chosen event", HelpName = "URL" };
    public Option<string?> WebhookSecretFile { get; } = new("--webhook-secret-file") { Description = $"The webhook's HMAC-SHA256 secret (default: ${ServeSettingKeys.WebhookSecretVariable})", HelpName = "FILE" };
    public Option<string?> WebhookEvents { get; } = new("--webhook-events") { Description = "Events the webhook sends (default: those of --notify)", HelpName = "EVENTS" };
    public Option<string?> Smtp { get; } = new("--smtp") { Description = "Send mail through this SMTP server (STARTTLS required unless it is on loopback)", HelpName = "HOST[:PORT]" };
    public Option<string?> MailFrom { get; } = new("--mail-from") { Description = "The sender of the mails", HelpName = "ADDRESS" };
    public Option<string[]> MailTo { get; } = new("--mail-to") { Description = "A recipient (repeat or separate with commas)", HelpName = "ADDRESS", AllowMultipleArgumentsPerToken = false };
    public Option<string?> SmtpUser { get; } = new("--smtp-user") { Description = "Sign in to the SMTP server as this user", HelpName = "USER" };
    public Option<string?> SmtpPasswordFile { get; } = new("--smtp-password-file") { Description = $"The SMTP password (default: ${ServeSettingKeys.SmtpPasswordVariable})", HelpName = "FILE" };
    public Option<string?> SmtpCa { get; } = new("--smtp-ca") { Description = "Trust only these CA certificates (PEM) for the SMTP server's STARTTLS (default: the system's CAs)", HelpName = "FILE" };
    public Option<string?> MailEvents { get; } = new("--mail-events") { Description = "Events the mail sends (default: those of --notify)", HelpName = "EVENTS" };
    public Option<string> Events { get; } = new("--notify") { Description = $"Events to send on every channel: {EventNames} (comma-separated)", DefaultValueFactory = _ => ServeSettingKeys.DefaultEvents, HelpName = "EVENTS" };
    public Option<string> Throttle { get; } = new("--notify-throttle") { Description = "At most one message per event kind in this time (0: no throttle)", DefaultValueFactory = _ => ServeSettingKeys.DefaultThrottle, HelpName = "TIME" };

    public IEnumerable<Option> All => [Webhook, WebhookSecretFile, WebhookEvents, Smtp, MailFrom, MailTo, SmtpUser, SmtpPasswordFile, SmtpCa, MailEvents, Events, Throttle];
}
