namespace IloBackup.Serve.Notifications;

/// <summary>
/// At most one message per event kind per window: the first goes out, the others in the window are counted, and the count
/// rides on the next message of that kind that goes out. A zero window lets everything through.
/// </summary>
public sealed class NotificationThrottle(TimeSpan window, TimeProvider timeProvider)
{
    private readonly Dictionary<NotificationKind, (DateTimeOffset Sent, int Held)> _state = [];
    private readonly Lock _lock = new();

    /// <summary>The notification to send (with the count held back before it), or null when the throttle holds it back.</summary>
    public Notification? Admit(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (window <= TimeSpan.Zero)
        {
            return notification;
        }

        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            if (_state.TryGetValue(notification.Kind, out var state) && now - state.Sent < window)
            {
                _state[notification.Kind] = state with { Held = state.Held + 1 };
                return null;
            }

            _state[notification.Kind] = (now, 0);
            return state.Held == 0 ? notification : notification with { Suppressed = state.Held };
        }
    }
}
