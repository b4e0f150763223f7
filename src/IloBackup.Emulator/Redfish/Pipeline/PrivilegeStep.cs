using IloBackup.Emulator.Redfish.Metadata;
using IloBackup.Emulator.Security;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Emulator.Redfish.Pipeline;

/// <summary>
/// An authenticated caller must hold every privilege of the route's <see cref="PrivilegeMetadata"/>
/// (403 <c>InsufficientPrivilege</c>), except on its own account where the route allows that with Login.
/// </summary>
internal static class PrivilegeStep
{
    public static RequestDelegate Create(RequestDelegate next) => context =>
    {
        var call = RedfishCall.Of(context);
        if (call.Authenticated && call.Caller is { } caller
            && context.GetEndpoint()?.Metadata.GetMetadata<PrivilegeMetadata>() is { } needed
            && (caller.Account.Privileges & needed.Privilege) != needed.Privilege)
        {
            var own = needed.AllowsOwnAccount && context.Request.RouteValues.TryGetValue("id", out var id)
                && string.Equals(id?.ToString(), caller.Account.Id, StringComparison.Ordinal);
            if (!own || !caller.Account.Privileges.HasFlag(IloPrivileges.Login))
            {
                throw new RedfishException(BaseMessages.InsufficientPrivilege);
            }
        }

        return next(context);
    };
}
