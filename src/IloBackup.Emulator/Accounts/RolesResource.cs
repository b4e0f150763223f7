using IloBackup.Emulator.Resources;
using IloBackup.Emulator.Redfish;
using IloBackup.Emulator.Security;
using static IloBackup.Emulator.Resources.ResourceJson;

namespace IloBackup.Emulator.Accounts;

/// <summary>The predefined roles: Administrator, Operator, ReadOnly (§2).</summary>
internal static class RolesResource
{
    private static readonly string[] RoleNames = ["Administrator", "Operator", "ReadOnly"];

    public static void Map(RedfishRoutes routes)
    {
        routes.MapGet(IloPaths.Roles, IloPrivileges.Login, _ => ValueTask.FromResult(RedfishResponse.Resource(
            Collection(IloPaths.Roles, "#RoleCollection.RoleCollection", "Roles", RoleNames.Select(r => IloPaths.Roles + "/" + r)))));
        routes.MapGet(IloPaths.Roles + "/{id}", IloPrivileges.Login, Get).Cacheable();
    }

    private static ValueTask<RedfishResponse> Get(RedfishRequest request)
    {
        var id = RoleNames.FirstOrDefault(r => string.Equals(r, request.RouteValue("id"), StringComparison.OrdinalIgnoreCase))
            ?? throw new RedfishException(BaseMessages.ResourceMissingAtURI, IloPaths.Roles + "/" + request.RouteValue("id"));
        var privileges = IloRoles.PrivilegesOf(id)!.Value;
        var body = Resource(IloPaths.Roles + "/" + id, "#Role.v1_2_1.Role", id, id + " Role", "Role.Role");
        body["IsPredefined"] = true;
        body["RoleId"] = id;
        body["AssignedPrivileges"] = Strings(Standard(privileges));
        body["OemPrivileges"] = Strings(IloRoles.Names.Where(n => privileges.HasFlag(n.Privilege)).Select(n => n.Name));
        return ValueTask.FromResult(RedfishResponse.Resource(body));
    }

    private static IEnumerable<string> Standard(IloPrivileges privileges)
    {
        yield return "Login";
        if (privileges.HasFlag(IloPrivileges.ILOConfig))
        {
            yield return "ConfigureManager";
        }

        if (privileges.HasFlag(IloPrivileges.UserConfig))
        {
            yield return "ConfigureUsers";
        }

        yield return "ConfigureSelf";
        if (privileges.HasFlag(IloPrivileges.VirtualPowerAndReset))
        {
            yield return "ConfigureComponents";
        }
    }
}
