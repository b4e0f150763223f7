using System.Globalization;
using IloBackup.Emulator.Ilo;

namespace IloBackup.Emulator.Sessions;

/// <summary>
/// Failed logins in the iLO Event Log without flooding it: per source, one entry per
/// <see cref="Window"/> (on the iLO's clock), rewritten with the count as more failures come, so a
/// stream of wrong guesses costs one entry a minute per source instead of one per guess.
/// <c>AuthFailureLoggingThreshold</c> (0: off) is the number of failures before the first entry.
/// </summary>
internal sealed class FailedLoginLog(VirtualIlo ilo)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private const int MaxSources = 4096;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Run> _runs = new(StringComparer.Ordinal);

    /// <summary>Counts one failed login of <paramref name="user"/> (already printable) from <paramref name="client"/>.</summary>
    public void Record(string user, string client, int threshold)
    {
        if (threshold <= 0)
        {
            return;
        }

        lock (_gate)
        {
            var now = ilo.Time.GetUtcNow();
            if (!_runs.TryGetValue(client, out var run) || now - run.Started >= Window)
            {
                if (_runs.Count >= MaxSources)
                {
                    foreach (var stale in _runs.Where(r => now - r.Value.Started >= Window).Select(r => r.Key).ToList())
                    {
                        _runs.Remove(stale);
                    }
                }

                _runs[client] = run = new Run { Started = now };
            }

            run.Count++;
            if (run.Count < threshold)
            {
                return;
            }

            var message = run.Count == 1
                ? $"Login failure: {user} - {client}."
                : string.Create(CultureInfo.InvariantCulture, $"Login failure: {user} - {client} ({run.Count} failed logins from this address since {run.Started:HH:mm:ss} UTC; the user name is the last one tried).");
            run.Entry = run.Entry is null ? ilo.AppendEventLog(message, "Warning") : ilo.RewriteEventLog(run.Entry, message);
        }
    }

    private sealed class Run
    {
        public DateTimeOffset Started { get; init; }

        public int Count { get; set; }

        public LogEntry? Entry { get; set; }
    }
}
