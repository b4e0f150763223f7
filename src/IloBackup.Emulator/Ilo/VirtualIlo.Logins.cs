using IloBackup.Emulator.Sessions;

namespace IloBackup.Emulator.Ilo;

/// <summary>What the iLO remembers of login attempts: the failure delay per source and account, the coalesced failure log.</summary>
public sealed partial class VirtualIlo
{
    private LoginThrottle? _loginThrottle;
    private FailedLoginLog? _failedLoginLog;

    internal LoginThrottle LoginThrottle => LazyInitializer.EnsureInitialized(ref _loginThrottle, () => new LoginThrottle(_host.Time));

    internal FailedLoginLog FailedLoginLog => LazyInitializer.EnsureInitialized(ref _failedLoginLog, () => new FailedLoginLog(this));

    /// <summary>Rewrites the message of an Event Log entry in place (same id and time); appends it anew if it has been pushed out.</summary>
    internal LogEntry RewriteEventLog(LogEntry entry, string message)
    {
        LogEntry? written = null;
        UpdateState(
            s =>
            {
                var at = -1;
                for (var i = s.EventLog.Count - 1; i >= 0 && at < 0; i--)
                {
                    at = s.EventLog[i].Id == entry.Id ? i : -1;
                }

                if (at < 0)
                {
                    return WithLog(s, message, entry.Severity, iml: false, out written);
                }

                written = s.EventLog[at] with { Message = message };
                var log = s.EventLog.ToList();
                log[at] = written;
                return s with { EventLog = log };
            },
            durable: false);
        return written!;
    }
}
