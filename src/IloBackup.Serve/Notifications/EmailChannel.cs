using System.Net;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace IloBackup.Serve.Notifications;

/// <summary>
/// Sends each notification as a plain-text mail over SMTP (MailKit). STARTTLS is required for any host but loopback; a
/// loopback relay (a local MTA) may be plain. Signs in when a user is given.
/// </summary>
public sealed class EmailChannel(EmailSettings settings) : INotificationChannel
{
    public string Name => $"email via {settings.Host}:{settings.Port}";

    /// <summary>How the connection is secured: STARTTLS always, except plain to a loopback host when not required.</summary>
    public static SecureSocketOptions Security(EmailSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.RequireTls || !IsLoopback(settings.Host) ? SecureSocketOptions.StartTls : SecureSocketOptions.StartTlsWhenAvailable;
    }

    public static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));

    public async Task SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        foreach (var to in settings.To)
        {
            message.To.Add(MailboxAddress.Parse(to));
        }

        message.Subject = notification.Subject;
        message.Headers.Add("X-IloBackup-Event", Notification.Name(notification.Kind));
        message.Body = new TextPart("plain") { Text = notification.FullText };

        using var smtp = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        await smtp.ConnectAsync(settings.Host, settings.Port, Security(settings), cancellationToken).ConfigureAwait(false);
        if (settings.User is not null)
        {
            await smtp.AuthenticateAsync(settings.User, settings.Password ?? string.Empty, cancellationToken).ConfigureAwait(false);
        }

        await smtp.SendAsync(message, cancellationToken).ConfigureAwait(false);
        await smtp.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Where mail goes. The password comes from a file or the environment (never the command line or YAML).</summary>
public sealed record EmailSettings
{
    public required string Host { get; init; }
    public int Port { get; init; } = 587;
    public required string From { get; init; }
    public required IReadOnlyList<string> To { get; init; }
    public string? User { get; init; }
    public string? Password { get; init; }

    /// <summary>STARTTLS even to a loopback relay.</summary>
    public bool RequireTls { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}
