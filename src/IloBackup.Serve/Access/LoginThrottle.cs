using System.Collections.Concurrent;

namespace IloBackup.Serve.Access;

/// <summary>
/// Slows password guessing: every failed login is answered after a delay that doubles with each failure for that user
/// name (1 s, 2 s, 4 s ... at most 30 s) until a success; the delay runs on the service's clock.
/// </summary>
public sealed class LoginThrottle(TimeProvider timeProvider)
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.OrdinalIgnoreCase);

    public TimeSpan DelayFor(string user)
    {
        var failures = _failures.GetValueOrDefault(user);
        var seconds = First.TotalSeconds * Math.Pow(2, Math.Min(failures, 10));
        return TimeSpan.FromSeconds(Math.Min(seconds, Longest.TotalSeconds));
    }

    /// <summary>Raised once a failure's delay is armed on the clock (tests move their fake clock after it).</summary>
    internal event Action<string, TimeSpan>? Delaying;

    /// <summary>Counts the failure and waits out its delay.</summary>
    public Task FailedAsync(string user, CancellationToken cancellationToken)
    {
        var delay = DelayFor(user);
        _failures.AddOrUpdate(user, 1, (_, n) => Math.Min(n + 1, 1000));
        var wait = Task.Delay(delay, timeProvider, cancellationToken);
        Delaying?.Invoke(user, delay);
        return wait;
    }

    public void Succeeded(string user) => _failures.TryRemove(user, out _);
}
