using System.Text.Json.Nodes;

namespace IloBackup.Serve.Notifications;

/// <summary>What a notification is about; each channel is told which kinds it sends.</summary>
public enum NotificationKind
{
    /// <summary>A backup of one iLO failed.</summary>
    BackupFailed,

    /// <summary>A server's configuration changed since its previous good backup (the message holds the diff).</summary>
    ConfigurationChanged,

    /// <summary>A backup was stored suspect (the iLO looks reset or lost settings).</summary>
    SuspectBackup,

    /// <summary>A run finished (the message is its summary).</summary>
    RunFinished,
}

/// <summary>One message for the channels: a subject and text for people, and a JSON body for machines. <c>Suppressed</c> counts the messages of the same kind the throttle held back before this one.</summary>
public sealed record Notification(NotificationKind Kind, string Subject, string Text, JsonObject Details, int Suppressed = 0)
{
    /// <summary>The kinds as written in options and the JSON body: <c>backup-failed</c>, <c>configuration-changed</c>, <c>suspect-backup</c>, <c>run-finished</c>.</summary>
    public static string Name(NotificationKind kind) => kind switch
    {
        NotificationKind.BackupFailed => "backup-failed",
        NotificationKind.ConfigurationChanged => "configuration-changed",
        NotificationKind.SuspectBackup => "suspect-backup",
        _ => "run-finished",
    };

    public static NotificationKind Parse(string name) =>
        Enum.GetValues<NotificationKind>().FirstOrDefault(k => string.Equals(Name(k), name.Trim(), StringComparison.OrdinalIgnoreCase), (NotificationKind)(-1)) is var kind
        && Enum.IsDefined(kind)
            ? kind
            : throw new FormatException($"unknown event '{name}' (one of {string.Join(", ", Enum.GetValues<NotificationKind>().Select(Name))})");

    /// <summary>The JSON body of the webhook (the text too, with the suppressed count).</summary>
    public JsonObject ToJson() => new()
    {
        ["event"] = Name(Kind),
        ["subject"] = Subject,
        ["text"] = FullText,
        ["suppressed"] = Suppressed,
        ["details"] = Details.DeepClone(),
    };

    /// <summary>The text with a note of what the throttle held back.</summary>
    public string FullText => Suppressed == 0 ? Text : $"{Text}\n\n({Suppressed} more '{Name(Kind)}' message(s) were held back by the throttle since the last one)";
}

/// <summary>Somewhere notifications go (a webhook, email).</summary>
public interface INotificationChannel
{
    /// <summary>A name for logs (never a secret).</summary>
    string Name { get; }

    Task SendAsync(Notification notification, CancellationToken cancellationToken);
}
