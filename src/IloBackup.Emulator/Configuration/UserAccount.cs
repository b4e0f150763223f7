using IloBackup.Emulator.Security;

namespace IloBackup.Emulator.Configuration;

/// <summary>
/// A local iLO account. The password is kept in the clear, as iLO must (IPMI RAKP and SNMPv3
/// need it): this is test data of an emulator, and the SRAM file is created with mode 0600.
/// </summary>
public sealed record UserAccount
{
    public required string Id { get; init; }
    public required string UserName { get; init; }

    /// <summary>The "Login Name" iLO shows (<c>Oem.Hpe.LoginName</c>).</summary>
    public required string LoginName { get; init; }
    public required string Password { get; init; }
    public required IloPrivileges Privileges { get; init; }
    public bool Enabled { get; init; } = true;

    /// <summary>Shown in <see cref="ToString"/> instead of the password.</summary>
    public override string ToString() => $"UserAccount {{ Id = {Id}, UserName = {UserName}, Privileges = {Privileges} }}";
}
