using System.Security.Cryptography;
using System.Text;
using IloBackup.Emulator.Configuration;
using IloBackup.Emulator.Ilo;

namespace IloBackup.Emulator.Sessions;

/// <summary>
/// Logging in and out and their rules: the password check with failure logging and delay, the
/// session limit, the idle timeout. Each change with its log entry is one <see cref="VirtualIlo.Change"/>.
/// </summary>
public sealed class SessionsModel(VirtualIlo ilo)
{
    /// <summary>A new session for a user name and password; refused with <see cref="IloRefusal.LoginRefused"/> or <see cref="IloRefusal.SessionLimitReached"/>.</summary>
    public async ValueTask<(IloSession Session, UserAccount Account)> LoginAsync(string user, string password, string client, CancellationToken cancellationToken)
    {
        var account = await CheckPasswordAsync(user, password, client, logSuccess: true, cancellationToken)
            ?? throw new IloRefusedException(IloRefusal.LoginRefused);
        var session = ilo.Sessions.Create(account.UserName, account.Id, mayUseReserve: account.Privileges.HasFlag(Security.IloPrivileges.UserConfig))
            ?? throw new IloRefusedException(IloRefusal.SessionLimitReached);
        return (session, account);
    }

    /// <summary>Ends a session, with its log entry.</summary>
    public void Logout(IloSession session) => ilo.Change(c =>
    {
        c.EndSession(session);
        c.Log($"Redfish logout: {session.UserName}.");
    });

    /// <summary>The idle timeout of sessions (the allowed values are checked by the caller, which names the property).</summary>
    public void SetTimeout(int seconds) => ilo.Change(c =>
    {
        c.Configuration = c.Configuration with { Security = c.Configuration.Security with { SessionTimeoutSeconds = seconds } };
        c.Log($"Session timeout set to {seconds / 60} minutes.");
    });

    /// <summary>
    /// Checks a user name and password. Every attempt waits its turn behind the failure delays
    /// running for its source and its account (<see cref="LoginThrottle"/>); a failure past
    /// <c>AuthFailuresBeforeDelay</c> is answered <c>AuthFailureDelaySeconds</c> after its turn (on
    /// the iLO's <see cref="TimeProvider"/>), and logged in the iLO Event Log, coalesced per source
    /// (<see cref="FailedLoginLog"/>).
    /// </summary>
    public async ValueTask<UserAccount?> CheckPasswordAsync(string user, string password, string client, bool logSuccess, CancellationToken cancellationToken)
    {
        var configuration = ilo.Configuration;
        var account = configuration.Users.FindByUserName(user);
        var ok = account is { Enabled: true } && configuration.Users.Directory.LocalAccountsEnabled
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(account.Password), Encoding.UTF8.GetBytes(password));
        var security = configuration.Security;
        var answerAt = ilo.LoginThrottle.Reserve(client, user, ok, security.AuthFailuresBeforeDelay, TimeSpan.FromSeconds(security.AuthFailureDelaySeconds));
        if (!ok)
        {
            ilo.FailedLoginLog.Record(Printable(user), client, security.AuthFailureLoggingThreshold);
        }

        var wait = answerAt - ilo.Time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, ilo.Time, cancellationToken);
        }

        if (!ok)
        {
            return null;
        }

        if (logSuccess)
        {
            ilo.AppendEventLog($"Redfish login: {account!.UserName} - {client}.");
        }

        return account;
    }

    /// <summary>A user name as typed by a stranger, made safe for a log line.</summary>
    private static string Printable(string text)
    {
        var clean = new string([.. text.Take(64).Select(c => char.IsControl(c) ? '?' : c)]);
        return clean.Length == 0 ? "(empty)" : clean;
    }
}
