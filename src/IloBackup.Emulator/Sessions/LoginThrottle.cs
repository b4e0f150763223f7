namespace IloBackup.Emulator.Sessions;

/// <summary>
/// The failure delay of logins, held per source and per account (docs/emulator.md, "Hostile
/// clients"). Every attempt takes its turn on arrival: it is answered no sooner than the end of the
/// delays already running for its source and for its account, and a failure past
/// <c>AuthFailuresBeforeDelay</c> (counted per source and per account) adds one delay to both. So
/// parallel wrong guesses are answered no faster than sequential ones, while a login from another
/// source for another account is not held up.
/// </summary>
internal sealed class LoginThrottle(TimeProvider time)
{
    private const int PruneAbove = 4096;
    private static readonly TimeSpan Forget = TimeSpan.FromMinutes(10);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Key> _keys = new(StringComparer.Ordinal);

    /// <summary>Raised (outside the lock) each time an attempt has taken its turn: tests wait on it instead of on time.</summary>
    public event Action? Reserved;

    /// <summary>
    /// Takes the turn of one attempt whose outcome is <paramref name="success"/>; returns when it
    /// may be answered (the caller waits until then on the iLO's clock).
    /// </summary>
    public DateTimeOffset Reserve(string source, string userName, bool success, int failuresBeforeDelay, TimeSpan delay)
    {
        DateTimeOffset answerAt;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            Prune(now);
            var bySource = Get("s:" + source, now);
            var byAccount = Get("a:" + userName.ToUpperInvariant(), now);
            var start = Max(now, Max(bySource.HeldUntil, byAccount.HeldUntil));
            if (success)
            {
                bySource.Failures = 0;
                byAccount.Failures = 0;
                answerAt = start;
            }
            else
            {
                var failures = Math.Max(++bySource.Failures, ++byAccount.Failures);
                answerAt = failures > failuresBeforeDelay ? start + delay : start;
                bySource.HeldUntil = Max(bySource.HeldUntil, answerAt);
                byAccount.HeldUntil = Max(byAccount.HeldUntil, answerAt);
            }
        }

        Reserved?.Invoke();
        return answerAt;
    }

    private Key Get(string name, DateTimeOffset now)
    {
        if (!_keys.TryGetValue(name, out var key))
        {
            _keys[name] = key = new Key();
        }

        key.LastSeen = now;
        return key;
    }

    /// <summary>Bounds memory against attempts with ever new user names: keys idle for a while and not holding anything are dropped.</summary>
    private void Prune(DateTimeOffset now)
    {
        if (_keys.Count < PruneAbove)
        {
            return;
        }

        foreach (var (name, key) in _keys.ToList())
        {
            if (key.HeldUntil <= now && now - key.LastSeen > Forget)
            {
                _keys.Remove(name);
            }
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private sealed class Key
    {
        public int Failures { get; set; }

        public DateTimeOffset HeldUntil { get; set; } = DateTimeOffset.MinValue;

        public DateTimeOffset LastSeen { get; set; }
    }
}
