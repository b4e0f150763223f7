using System.Globalization;
using System.Security.Cryptography;

namespace IloBackup.Emulator.Sessions;

/// <summary>The sessions of one iLO: created at login, ended by logout, idle timeout or reset.</summary>
public sealed class SessionStore
{
    /// <summary><b>(our choice)</b>: at most this many sessions per iLO; a further login gets 503 <c>SessionLimitExceeded</c>.</summary>
    public const int MaxSessions = 100;

    /// <summary>
    /// <b>(our choice)</b>: this many of the <see cref="MaxSessions"/> are kept for accounts that may
    /// administer user accounts (they can end the others' sessions), so other users cannot lock them out.
    /// </summary>
    public const int AdministratorReserve = 10;

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private Dictionary<string, IloSession>? _byToken;

    public SessionStore(TimeProvider time)
    {
        _time = time;
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byToken?.Count ?? 0;
            }
        }
    }

    /// <summary>Starts a session, or returns null when the limit is reached.</summary>
    public IloSession? Create(string userName, string accountId) => Create(userName, accountId, mayUseReserve: true);

    /// <summary>
    /// Starts a session, or returns null when the limit is reached: <see cref="MaxSessions"/> for
    /// an account that <paramref name="mayUseReserve"/>, <see cref="MaxSessions"/> − <see cref="AdministratorReserve"/> for any other.
    /// </summary>
    public IloSession? Create(string userName, string accountId, bool mayUseReserve)
    {
        var now = _time.GetUtcNow();
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var id = userName + now.ToUnixTimeSeconds().ToString("x16", CultureInfo.InvariantCulture)
            + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
        var session = new IloSession(id, token, userName, accountId, now);
        lock (_gate)
        {
            _byToken ??= new Dictionary<string, IloSession>(StringComparer.Ordinal);
            if (_byToken.Count >= (mayUseReserve ? MaxSessions : MaxSessions - AdministratorReserve))
            {
                return null;
            }

            _byToken[token] = session;
        }


        return session;
    }

    /// <summary>The live session of a token, refreshing its idle timer; null if unknown or idle too long.</summary>
    public IloSession? FindByToken(string? token, TimeSpan idleTimeout)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_byToken is null || !_byToken.TryGetValue(token, out var session))
            {
                return null;
            }

            if (now - session.LastUsed > idleTimeout)
            {
                _byToken.Remove(token);
                return null;
            }

            session.Touch(now);
            return session;
        }
    }

    public IloSession? FindById(string id)
    {
        lock (_gate)
        {
            return _byToken?.Values.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>Live sessions (expired ones are dropped first).</summary>
    public IReadOnlyList<IloSession> List(TimeSpan idleTimeout)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_byToken is null)
            {
                return [];
            }

            foreach (var expired in _byToken.Where(p => now - p.Value.LastUsed > idleTimeout).Select(p => p.Key).ToList())
            {
                _byToken.Remove(expired);
            }

            return [.. _byToken.Values.OrderBy(s => s.Created)];
        }
    }

    public bool Remove(IloSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        lock (_gate)
        {
            return _byToken?.Remove(session.Token) ?? false;
        }
    }

    /// <summary>Ends every session of an account (deleted account or changed password).</summary>
    public void RemoveAccount(string accountId)
    {
        lock (_gate)
        {
            if (_byToken is null)
            {
                return;
            }

            foreach (var token in _byToken.Where(p => p.Value.AccountId == accountId).Select(p => p.Key).ToList())
            {
                _byToken.Remove(token);
            }
        }
    }

    /// <summary>Ends every session (iLO reset, restore, configuration loss).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _byToken = null;
        }
    }
}
