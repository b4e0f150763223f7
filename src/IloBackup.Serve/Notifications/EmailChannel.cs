using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace IloBackup.Serve.Notifications;

/// <summary>
/// Sends each notification as a plain-text mail over SMTP (MailKit). STARTTLS is required for any host but loopback; a
/// loopback relay (a local MTA) may be plain, but when it offers STARTTLS it is used and verified like any other. The
/// server's certificate is verified against the system's CAs, or against <see cref="EmailSettings.TrustedRoots"/> (a
/// private CA of the mail relay) when given; the name must match either way. Signs in when a user is given.
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
        if (settings.TrustedRoots is { Count: > 0 } roots)
        {
            smtp.ServerCertificateValidationCallback = (_, certificate, _, errors) => IsTrusted(certificate, errors, roots);
        }

        await smtp.ConnectAsync(settings.Host, settings.Port, Security(settings), cancellationToken).ConfigureAwait(false);
        if (settings.User is not null)
        {
            await smtp.AuthenticateAsync(settings.User, settings.Password ?? string.Empty, cancellationToken).ConfigureAwait(false);
        }

        await smtp.SendAsync(message, cancellationToken).ConfigureAwait(false);
        await smtp.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A certificate for the right name that chains to one of <paramref name="roots"/> (and only to those).</summary>
    public static bool IsTrusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNotAvailable | SslPolicyErrors.RemoteCertificateNameMismatch)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
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

    /// <summary>The CA certificates the server's certificate must chain to (a private CA); null: the system's CAs.</summary>
    public X509Certificate2Collection? TrustedRoots { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}
