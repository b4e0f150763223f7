namespace IloBackup.Emulator.Configuration;

/// <summary>Directory (LDAP) authentication settings, part of the user database.</summary>
public sealed record DirectorySettings
{
    public bool LdapEnabled { get; init; }
    public IReadOnlyList<string> ServerAddresses { get; init; } = [];
    public IReadOnlyList<string> BaseDistinguishedNames { get; init; } = [];

    /// <summary>Local accounts usable while the directory is on (<c>LocalAccountAuth</c> Enabled/Disabled).</summary>
    public bool LocalAccountsEnabled { get; init; } = true;
}
