using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace IloBackup.Serve.Access;

/// <summary>A signed-in browser: who, with which role, and the CSRF token its forms must carry.</summary>
public sealed record WebSession(string Id, string User, Role Role, string CsrfToken, DateTimeOffset Expires);

/// <summary>Server-side sessions (random 256-bit ids in the cookie; nothing to forge, logout really ends them; lost at restart).</summary>
public sealed class SessionStore(TimeProvider timeProvider)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);
    private readonly ConcurrentDictionary<string, WebSession> _sessions = new(StringComparer.Ordinal);

    public WebSession Create(string user, Role role)
    {
        var session = new WebSession(NewSecret(), user, role, NewSecret(), timeProvider.GetUtcNow() + Lifetime);
        _sessions[session.Id] = session;
        return session;
    }

    public WebSession? Find(string? id)
    {
        if (id is null || !_sessions.TryGetValue(id, out var session))
        {
            return null;
        }

        if (session.Expires <= timeProvider.GetUtcNow())
        {
            _sessions.TryRemove(id, out _);
            return null;
        }

        return session;
    }

    public void End(string id) => _sessions.TryRemove(id, out _);

    public static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
