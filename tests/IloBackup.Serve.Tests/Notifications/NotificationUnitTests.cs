using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IloBackup.Serve.Notifications;
using MailKit.Security;
using Microsoft.Extensions.Time.Testing;

namespace IloBackup.Serve.Tests.Notifications;

/// <summary>The throttle, the webhook's signature and retries, and the mail channel's choice of STARTTLS.</summary>
public sealed class NotificationUnitTests
{
    private static Notification Message(NotificationKind kind, string text = "x") => new(kind, "subject", text, []);

    [Fact]
    public void Throttle_sends_one_message_per_kind_per_window_and_counts_the_ones_it_held_back()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
        var throttle = new NotificationThrottle(TimeSpan.FromMinutes(15), time);

        Assert.NotNull(throttle.Admit(Message(NotificationKind.BackupFailed)));
        Assert.Null(throttle.Admit(Message(NotificationKind.BackupFailed)));
        Assert.Null(throttle.Admit(Message(NotificationKind.BackupFailed)));
        Assert.NotNull(throttle.Admit(Message(NotificationKind.SuspectBackup))); // another kind has its own window
        time.Advance(TimeSpan.FromMinutes(14));
        Assert.Null(throttle.Admit(Message(NotificationKind.BackupFailed)));
        time.Advance(TimeSpan.FromMinutes(1));
        var next = throttle.Admit(Message(NotificationKind.BackupFailed, "the next"));

        Assert.NotNull(next);
        Assert.Equal(3, next.Suppressed);
        Assert.Contains("3 more 'backup-failed' message(s) were held back", next.FullText, StringComparison.Ordinal);
        Assert.Equal(3, (int)next.ToJson()["suppressed"]!);
        time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(0, throttle.Admit(Message(NotificationKind.BackupFailed))!.Suppressed);
    }

    [Fact]
    public void Throttle_with_no_window_lets_everything_through()
    {
        var throttle = new NotificationThrottle(TimeSpan.Zero, new FakeTimeProvider());
        Assert.All(Enumerable.Range(0, 5), _ => Assert.NotNull(throttle.Admit(Message(NotificationKind.RunFinished))));
    }

    [Fact]
    public void Event_names_parse_and_an_unknown_one_is_refused_with_the_list()
    {
        Assert.All(Enum.GetValues<NotificationKind>(), k => Assert.Equal(k, Notification.Parse(Notification.Name(k))));
        var error = Assert.Throws<FormatException>(() => Notification.Parse("backup-done"));
        Assert.Contains("backup-failed, configuration-changed, suspect-backup, run-finished", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_posts_json_signed_with_hmac_sha256_of_the_body_and_retries_a_503()
    {
        await using var receiver = await WebhookReceiver.StartAsync(HttpStatusCode.ServiceUnavailable, HttpStatusCode.BadGateway);
        var secret = Encoding.UTF8.GetBytes("hook-secret-1");
        using var channel = new WebhookChannel(receiver.Url, secret, new WebhookRetry(3, TimeSpan.Zero, TimeSpan.FromSeconds(30)), TimeProvider.System);

        await channel.SendAsync(Message(NotificationKind.SuspectBackup, "backup 7 is suspect"), default);
        var received = await receiver.NextAsync();

        Assert.Equal(3, receiver.Posts);
        Assert.Equal("application/json", received.ContentType);
        Assert.Equal("suspect-backup", received.Event);
        var expected = "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(secret, received.Body));
        Assert.Equal(expected, received.Signature);
        Assert.NotEqual(expected, WebhookChannel.Sign(Encoding.UTF8.GetBytes("another secret"), received.Body));
        var json = JsonNode.Parse(received.Body)!;
        Assert.Equal("suspect-backup", (string?)json["event"]);
        Assert.Equal("backup 7 is suspect", (string?)json["text"]);
    }

    [Fact]
    public async Task Webhook_gives_up_after_its_attempts_and_says_what_the_receiver_answered()
    {
        await using var receiver = await WebhookReceiver.StartAsync(
            HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError);
        using var channel = new WebhookChannel(receiver.Url, [1, 2, 3], new WebhookRetry(2, TimeSpan.Zero, TimeSpan.FromSeconds(30)), TimeProvider.System);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => channel.SendAsync(Message(NotificationKind.RunFinished), default));

        Assert.Equal(2, receiver.Posts);
        Assert.Contains("answered 500", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_does_not_retry_a_client_error()
    {
        await using var receiver = await WebhookReceiver.StartAsync(HttpStatusCode.Unauthorized);
        using var channel = new WebhookChannel(receiver.Url, [1], new WebhookRetry(4, TimeSpan.Zero, TimeSpan.FromSeconds(30)), TimeProvider.System);

        await Assert.ThrowsAsync<HttpRequestException>(() => channel.SendAsync(Message(NotificationKind.RunFinished), default));

        Assert.Equal(1, receiver.Posts);
    }

    [Theory]
    [InlineData("smtp.example.com", false, SecureSocketOptions.StartTls)]
    [InlineData("192.0.2.25", false, SecureSocketOptions.StartTls)]
    [InlineData("127.0.0.1", false, SecureSocketOptions.StartTlsWhenAvailable)]
    [InlineData("localhost", false, SecureSocketOptions.StartTlsWhenAvailable)]
    [InlineData("::1", false, SecureSocketOptions.StartTlsWhenAvailable)]
    [InlineData("127.0.0.1", true, SecureSocketOptions.StartTls)]
    public void Mail_requires_starttls_for_every_host_but_a_loopback_relay(string host, bool requireTls, SecureSocketOptions expected)
    {
        var settings = new EmailSettings { Host = host, From = "a@example.com", To = ["b@example.com"], RequireTls = requireTls };
        Assert.Equal(expected, EmailChannel.Security(settings));
    }
}
