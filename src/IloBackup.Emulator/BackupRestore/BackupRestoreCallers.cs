using System.Security.Cryptography;
using System.Text;
using IloBackup.Emulator.Ilo;
using IloBackup.Emulator.Redfish;
using IloBackup.Emulator.Security;

namespace IloBackup.Emulator.BackupRestore;

/// <summary>Who calls the backup routes that authenticate themselves (form field or cookie, §3).</summary>
internal static class BackupRestoreCallers
{
    /// <summary>Backup (download, custom backup): Configure iLO Settings (docs/development.md, "Privileges").</summary>
    public const IloPrivileges Backup = IloPrivileges.ILOConfig;

    /// <summary>Restore rewrites the user database too: Configure iLO Settings and Administer User Accounts.</summary>
    public const IloPrivileges Restore = IloPrivileges.ILOConfig | IloPrivileges.UserConfig;

    /// <summary>The live session of exactly this token (not whatever else the request carries), with its account.</summary>
    public static AuthenticatedCaller? FindByToken(VirtualIlo ilo, string? token)
    {
        var session = ilo.Sessions.FindByToken(token, ilo.SessionTimeout);
        if (session is null)
        {
            return null;
        }

        var account = ilo.Configuration.Users.FindById(session.AccountId);
        return account is { Enabled: true } && account.UserName == session.UserName ? new AuthenticatedCaller(account, session) : null;
    }

    /// <summary>Constant-time comparison of two session keys.</summary>
    public static bool SameKey(string? a, string? b) =>
        a is not null && b is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    public static bool Holds(AuthenticatedCaller caller, IloPrivileges privileges) =>
        (caller.Account.Privileges & privileges) == privileges;
}
