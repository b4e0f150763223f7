using System.Text.Json.Nodes;
using IloBackup.Emulator.Configuration;
using IloBackup.Emulator.Redfish;
using IloBackup.Emulator.Security;
using static IloBackup.Emulator.Resources.ResourceJson;

namespace IloBackup.Emulator.Resources;

/// <summary>
/// Local accounts (<c>ManagerAccount</c> with <c>Oem.Hpe.Privileges</c> and <c>RoleId</c>).
/// Creating, changing or deleting needs Administer User Accounts; a user may change their own
/// password with Login alone.
/// </summary>
internal static class AccountsResource
{
    /// <summary>A real iLO 5 holds 12 local accounts.</summary>
    public const int MaxAccounts = 12;

    public static void Map(RedfishRoutes routes)
    {
        routes.MapGet(IloPaths.Accounts, IloPrivileges.Login, GetCollection);
        routes.MapPost(IloPaths.Accounts, IloPrivileges.UserConfig, CreateAsync);
        routes.MapGet(IloPaths.Accounts + "/{id}", IloPrivileges.Login, GetAccount);
        routes.MapPatch(IloPaths.Accounts + "/{id}", IloPrivileges.UserConfig, PatchAsync).AllowOwnAccount();
        routes.MapDelete(IloPaths.Accounts + "/{id}", IloPrivileges.UserConfig, Delete);
    }

    /// <summary><c>{"LoginPriv": true, ...}</c> in iLO's order.</summary>
    internal static JsonObject Privileges(IloPrivileges privileges)
    {
        var result = new JsonObject();
        foreach (var (privilege, name) in IloRoles.Names)
        {
            result[name] = privileges.HasFlag(privilege);
        }

        return result;
    }

    private static ValueTask<RedfishResponse> GetCollection(RedfishRequest request) =>
        ValueTask.FromResult(RedfishResponse.Resource(Collection(
            IloPaths.Accounts, "#ManagerAccountCollection.ManagerAccountCollection", "Accounts",
            request.Ilo.Configuration.Users.Accounts.Select(a => IloPaths.Accounts + "/" + a.Id))));

    private static ValueTask<RedfishResponse> GetAccount(RedfishRequest request) =>
        ValueTask.FromResult(RedfishResponse.Resource(Describe(Find(request))));

    private static async ValueTask<RedfishResponse> CreateAsync(RedfishRequest request)
    {
        var body = await request.ReadBodyAsync();
        var userName = body.String("UserName", maxLength: 39);
        var password = body.String("Password", maxLength: 39);
        var roleId = body.Enum("RoleId", ["Administrator", "Operator", "ReadOnly"]);
        var hpe = body.Object("Oem")?.Object("Hpe");
        var loginName = hpe?.String("LoginName", maxLength: 39);
        var privileges = ReadPrivileges(hpe?.Object("Privileges"), roleId is null ? IloRoles.ReadOnly : IloRoles.PrivilegesOf(roleId)!.Value);
        body.EnsureFullyRead("@odata.id", "Id", "Name", "Description", "Locked", "Links");
        if (userName is null)
        {
            throw new RedfishException(BaseMessages.PropertyMissing, "UserName");
        }

        if (password is null)
        {
            throw new RedfishException(BaseMessages.PropertyMissing, "Password");
        }

        CheckUserName(userName);
        UserAccount? created = null;
        request.Ilo.UpdateConfiguration(c =>
        {
            CheckPassword(password, c.Security);
            if (c.Users.FindByUserName(userName) is not null)
            {
                throw new RedfishException(BaseMessages.ResourceAlreadyExists, "ManagerAccount", "UserName", userName);
            }

            if (c.Users.Accounts.Count >= MaxAccounts)
            {
                throw new RedfishException(BaseMessages.CreateLimitReachedForResource);
            }

            created = new UserAccount
            {
                Id = c.Users.NextAccountId(),
                UserName = userName,
                LoginName = loginName ?? userName,
                Password = password,
                Privileges = privileges,
            };
            return c with { Users = c.Users with { Accounts = [.. c.Users.Accounts, created] } };
        });
        request.Ilo.AppendEventLog($"User added: {userName} by {request.User!.UserName}.");
        return RedfishResponse.Created(Describe(created!), IloPaths.Accounts + "/" + created!.Id);
    }

    private static async ValueTask<RedfishResponse> PatchAsync(RedfishRequest request)
    {
        var target = Find(request);
        var body = await request.ReadBodyAsync();
        var userName = body.String("UserName", maxLength: 39);
        var password = body.String("Password", maxLength: 39);
        var roleId = body.Enum("RoleId", ["Administrator", "Operator", "ReadOnly"]);
        var hpe = body.Object("Oem")?.Object("Hpe");
        var loginName = hpe?.String("LoginName", maxLength: 39);
        var privilegesBody = hpe?.Object("Privileges");
        var basePrivileges = roleId is null ? target.Privileges : IloRoles.PrivilegesOf(roleId)!.Value;
        var privileges = ReadPrivileges(privilegesBody, basePrivileges);
        body.EnsureFullyRead("@odata.id", "Id", "Name", "Description", "Locked", "Links");
        var onlyOwnPassword = userName is null && roleId is null && loginName is null && privilegesBody is null;
        if (!request.Privileges.HasFlag(IloPrivileges.UserConfig) && !onlyOwnPassword)
        {
            throw new RedfishException(BaseMessages.InsufficientPrivilege);
        }

        if (userName is not null)
        {
            CheckUserName(userName);
        }

        request.Ilo.UpdateConfiguration(c =>
        {
            var current = c.Users.FindById(target.Id) ?? throw new RedfishException(BaseMessages.ResourceMissingAtURI, IloPaths.Accounts + "/" + target.Id);
            if (password is not null)
            {
                CheckPassword(password, c.Security);
            }

            if (userName is not null && userName != current.UserName && c.Users.FindByUserName(userName) is not null)
            {
                throw new RedfishException(BaseMessages.ResourceAlreadyExists, "ManagerAccount", "UserName", userName);
            }

            var updated = current with
            {
                UserName = userName ?? current.UserName,
                LoginName = loginName ?? current.LoginName,
                Password = password ?? current.Password,
                Privileges = privileges,
            };
            var accounts = c.Users.Accounts.Select(a => a.Id == current.Id ? updated : a).ToList();
            CheckAdministratorRemains(accounts);
            return c with { Users = c.Users with { Accounts = accounts } };
        });
        if (userName is not null && userName != target.UserName)
        {
            request.Ilo.Sessions.RemoveAccount(target.Id);
        }

        request.Ilo.AppendEventLog($"User modified: {target.UserName} by {request.User!.UserName}.");
        return RedfishResponse.Success();
    }

    private static ValueTask<RedfishResponse> Delete(RedfishRequest request)
    {
        var target = Find(request);
        request.Ilo.UpdateConfiguration(c =>
        {
            var accounts = c.Users.Accounts.Where(a => a.Id != target.Id).ToList();
            CheckAdministratorRemains(accounts);
            return c with { Users = c.Users with { Accounts = accounts } };
        });
        request.Ilo.Sessions.RemoveAccount(target.Id);
        request.Ilo.AppendEventLog($"User deleted: {target.UserName} by {request.User!.UserName}.");
        return ValueTask.FromResult(RedfishResponse.Success());
    }

    private static UserAccount Find(RedfishRequest request) =>
        request.Ilo.Configuration.Users.FindById(request.RouteValue("id"))
        ?? throw new RedfishException(BaseMessages.ResourceMissingAtURI, IloPaths.Accounts + "/" + request.RouteValue("id"));

    private static JsonObject Describe(UserAccount account)
    {
        var body = Resource(IloPaths.Accounts + "/" + account.Id, "#ManagerAccount.v1_3_0.ManagerAccount", account.Id, "User Account", "ManagerAccount.ManagerAccount");
        body["Description"] = "iLO User Account";
        body["Enabled"] = account.Enabled;
        body["Locked"] = false;
        body["Password"] = null;
        body["RoleId"] = IloRoles.RoleOf(account.Privileges);
        body["UserName"] = account.UserName;
        body["Links"] = new JsonObject { ["Role"] = Link(IloPaths.Roles + "/" + IloRoles.RoleOf(account.Privileges)) };
        body["Oem"] = new JsonObject
        {
            ["Hpe"] = new JsonObject
            {
                ["@odata.type"] = "#HpeiLOAccount.v2_2_0.HpeiLOAccount",
                ["LoginName"] = account.LoginName,
                ["Privileges"] = Privileges(account.Privileges),
            },
        };
        return body;
    }

    private static IloPrivileges ReadPrivileges(JsonBody? body, IloPrivileges start)
    {
        var result = start;
        if (body is null)
        {
            return result;
        }

        foreach (var (privilege, name) in IloRoles.Names)
        {
            if (body.Boolean(name) is { } granted)
            {
                result = granted ? result | privilege : result & ~privilege;
            }
        }

        return result;
    }

    private static void CheckUserName(string userName)
    {
        if (userName.Length == 0 || userName.Any(c => char.IsControl(c) || c is '/' or '\\' or '"' or '%'))
        {
            throw new RedfishException(BaseMessages.PropertyValueFormatError, userName, "UserName");
        }
    }

    private static void CheckPassword(string password, SecuritySettings rules)
    {
        if (password.Length < Math.Max(rules.MinPasswordLength, 1) || password.Any(char.IsControl))
        {
            throw new RedfishException(BaseMessages.PropertyValueFormatError, "(hidden)", "Password");
        }

        if (rules.EnforcePasswordComplexity)
        {
            var classes = (password.Any(char.IsUpper) ? 1 : 0) + (password.Any(char.IsLower) ? 1 : 0)
                + (password.Any(char.IsDigit) ? 1 : 0) + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);
            if (classes < 3)
            {
                throw new RedfishException(BaseMessages.PropertyValueFormatError, "(hidden)", "Password");
            }
        }
    }

    /// <summary><b>(our choice)</b>: the last account able to administer accounts cannot be removed or demoted.</summary>
    private static void CheckAdministratorRemains(IEnumerable<UserAccount> accounts)
    {
        if (!accounts.Any(a => a.Privileges.HasFlag(IloPrivileges.UserConfig) && a.Enabled))
        {
            throw new RedfishException(BaseMessages.ResourceCannotBeDeleted);
        }
    }
}
