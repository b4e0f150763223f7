using IloBackup.Emulator.Resources;
using System.Text.Json.Nodes;
using IloBackup.Emulator.Configuration;
using IloBackup.Emulator.Redfish;
using IloBackup.Emulator.Security;
using static IloBackup.Emulator.Resources.ResourceJson;

namespace IloBackup.Emulator.Accounts;

/// <summary>
/// Local accounts (<c>ManagerAccount</c> with <c>Oem.Hpe.Privileges</c> and <c>RoleId</c>) over
/// HTTP; the rules are <see cref="AccountsModel"/>'s. Creating, changing or deleting needs
/// Administer User Accounts; a user may change their own password with Login alone.
/// </summary>
internal static class AccountsResource
{
    /// <summary>A real iLO 5 holds 12 local accounts.</summary>
    public const int MaxAccounts = AccountsModel.MaxAccounts;

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

        var created = new AccountsModel(request.Ilo).Create(userName, loginName, password, privileges, request.User!.UserName);
        return RedfishResponse.Created(Describe(created), IloPaths.Accounts + "/" + created.Id);
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

        new AccountsModel(request.Ilo).Modify(target.Id, userName, loginName, password, privileges, request.User!.UserName);
        return RedfishResponse.Success();
    }

    private static ValueTask<RedfishResponse> Delete(RedfishRequest request)
    {
        new AccountsModel(request.Ilo).Delete(Find(request).Id, request.User!.UserName);
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
}
