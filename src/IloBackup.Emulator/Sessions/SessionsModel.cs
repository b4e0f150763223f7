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
        var session = ilo.Sessions.Create(account.UserName, account.Id)
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
    /// Checks a user name and password. A failure is logged in the iLO Event Log (per the
    /// logging threshold) and, past <c>AuthFailuresBeforeDelay</c> failures in a row, answered
    /// only after <c>AuthFailureDelaySeconds</c> (on the iLO's <see cref="TimeProvider"/>).
    /// </summary>
    public async ValueTask<UserAccount?> CheckPasswordAsync(string user, string password, string client, bool logSuccess, CancellationToken cancellationToken)
    {
        var configuration = ilo.Configuration;
        var account = configuration.Users.FindByUserName(user);
        var ok = account is { Enabled: true } && configuration.Users.Directory.LocalAccountsEnabled
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(account.Password), Encoding.UTF8.GetBytes(password));
        if (ok)
        {
            ilo.RecordLoginResult(success: true);
            if (logSuccess)
            {
                ilo.AppendEventLog($"Redfish login: {account!.UserName} - {client}.");
            }

            return account;
        }

        var failures = ilo.RecordLoginResult(success: false);
        var security = configuration.Security;
        if (security.AuthFailureLoggingThreshold > 0 && failures % security.AuthFailureLoggingThreshold == 0)
        {
            ilo.AppendEventLog($"Login failure: {Printable(user)} - {client}.", "Warning");
        }

        if (failures > security.AuthFailuresBeforeDelay)
        {
            await Task.Delay(TimeSpan.FromSeconds(security.AuthFailureDelaySeconds), ilo.Time, cancellationToken);
        }

        return null;
    }

    /// <summary>A user name as typed by a stranger, made safe for a log line.</summary>
    private static string Printable(string text)
    {
        var clean = new string([.. text.Take(64).Select(c => char.IsControl(c) ? '?' : c)]);
        return clean.Length == 0 ? "(empty)" : clean;
    }
}
