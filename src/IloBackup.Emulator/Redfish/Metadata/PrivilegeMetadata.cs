using IloBackup.Emulator.Security;

namespace IloBackup.Emulator.Redfish.Metadata;

/// <summary>Endpoint metadata: the privileges an authenticated caller must all hold (read by the privilege step).</summary>
/// <param name="Privilege"><see cref="IloPrivileges.None"/>: any authenticated caller.</param>
/// <param name="AllowsOwnAccount">A caller may act on its own account (route value <c>id</c>) with Login alone.</param>
public sealed record PrivilegeMetadata(IloPrivileges Privilege, bool AllowsOwnAccount);
