using IloBackup.Emulator.Configuration;
using IloBackup.Emulator.Ilo;
using IloBackup.Emulator.Security;

namespace IloBackup.Emulator.Accounts;

/// <summary>
/// Local accounts and their rules: user names, the password policy, the account limit, and
/// <b>(our choice)</b> that the last enabled account able to administer accounts cannot go.
/// Every change is one <see cref="VirtualIlo.Change"/>: the accounts, the sessions it ends and
/// its log entry, together or not at all.
/// </summary>
public sealed class AccountsModel(VirtualIlo ilo)
{
    /// <summary>A real iLO 5 holds 12 local accounts.</summary>
    public const int MaxAccounts = 12;

    public UserAccount Create(string userName, string? loginName, string password, IloPrivileges privileges, string by)
    {
        CheckUserName(userName);
        UserAccount? created = null;
        ilo.Change(c =>
        {
            var users = c.Configuration.Users;
            CheckPassword(password, c.Configuration.Security);
            if (users.FindByUserName(userName) is not null)
            {
                throw new IloRefusedException(IloRefusal.UserNameTaken, userName);
            }

            if (users.Accounts.Count >= MaxAccounts)
            {
                throw new IloRefusedException(IloRefusal.AccountLimitReached);
            }

            created = new UserAccount
            {
                Id = users.NextAccountId(),
                UserName = userName,
                LoginName = loginName ?? userName,
                Password = password,
                Privileges = privileges,
            };
            c.Configuration = c.Configuration with { Users = users with { Accounts = [.. users.Accounts, created] } };
            c.Log($"User added: {userName} by {by}.");
        });
        return created!;
    }

    /// <summary>Changes an account (null keeps a value); a new user name ends the account's sessions.</summary>
    public void Modify(string id, string? userName, string? loginName, string? password, IloPrivileges privileges, string by)
    {
        if (userName is not null)
        {
            CheckUserName(userName);
        }

        ilo.Change(c =>
        {
            var users = c.Configuration.Users;
            var current = users.FindById(id) ?? throw new IloRefusedException(IloRefusal.AccountMissing, id);
            if (password is not null)
            {
                CheckPassword(password, c.Configuration.Security);
            }

            if (userName is not null && userName != current.UserName && users.FindByUserName(userName) is not null)
            {
                throw new IloRefusedException(IloRefusal.UserNameTaken, userName);
            }

            var updated = current with
            {
                UserName = userName ?? current.UserName,
                LoginName = loginName ?? current.LoginName,
                Password = password ?? current.Password,
                Privileges = privileges,
            };
            var accounts = users.Accounts.Select(a => a.Id == current.Id ? updated : a).ToList();
            CheckAdministratorRemains(accounts);
            c.Configuration = c.Configuration with { Users = users with { Accounts = accounts } };
            if (updated.UserName != current.UserName)
            {
                c.EndSessionsOf(current.Id);
            }

            c.Log($"User modified: {current.UserName} by {by}.");
        });
    }

    /// <summary>Deletes an account and ends its sessions.</summary>
    public void Delete(string id, string by) => ilo.Change(c =>
    {
        var users = c.Configuration.Users;
        var target = users.FindById(id) ?? throw new IloRefusedException(IloRefusal.AccountMissing, id);
        var accounts = users.Accounts.Where(a => a.Id != target.Id).ToList();
        CheckAdministratorRemains(accounts);
        c.Configuration = c.Configuration with { Users = users with { Accounts = accounts } };
        c.EndSessionsOf(target.Id);
        c.Log($"User deleted: {target.UserName} by {by}.");
    });

    /// <summary>
    /// The login policy (directory, local accounts, password and lockout settings): <paramref name="change"/>
    /// makes the new configuration; <b>(our choice)</b> refused when nobody could log in any more.
    /// </summary>
    public void ChangeLoginPolicy(Func<IloConfiguration, IloConfiguration> change) => ilo.Change(c =>
    {
        var updated = change(c.Configuration);
        if (!updated.Users.Directory.LocalAccountsEnabled && !updated.Users.Directory.LdapEnabled)
        {
            throw new IloRefusedException(IloRefusal.NoWayToLogIn);
        }

        c.Configuration = updated;
        c.Log("Account service settings changed.");
    });

    private static void CheckUserName(string userName)
    {
        if (userName.Length == 0 || userName.Any(c => char.IsControl(c) || c is '/' or '\\' or '"' or '%'))
        {
            throw new IloRefusedException(IloRefusal.UserNameInvalid, userName);
        }
    }

    private static void CheckPassword(string password, SecuritySettings rules)
    {
        if (password.Length < Math.Max(rules.MinPasswordLength, 1) || password.Any(char.IsControl))
        {
            throw new IloRefusedException(IloRefusal.PasswordRejected);
        }

        if (rules.EnforcePasswordComplexity)
        {
            var classes = (password.Any(char.IsUpper) ? 1 : 0) + (password.Any(char.IsLower) ? 1 : 0)
                + (password.Any(char.IsDigit) ? 1 : 0) + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);
            if (classes < 3)
            {
                throw new IloRefusedException(IloRefusal.PasswordRejected);
            }
        }
    }

    private static void CheckAdministratorRemains(IEnumerable<UserAccount> accounts)
    {
        if (!accounts.Any(a => a.Privileges.HasFlag(IloPrivileges.UserConfig) && a.Enabled))
        {
            throw new IloRefusedException(IloRefusal.LastAccountAdministrator);
        }
    }
}
