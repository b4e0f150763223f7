namespace IloBackup.Emulator.Configuration;

/// <summary>Local accounts and directory (LDAP) settings.</summary>
public sealed record UserDatabase
{
    public required IReadOnlyList<UserAccount> Accounts { get; init; }
    public DirectorySettings Directory { get; init; } = new();

    /// <summary>The next free account id, as iLO numbers them ("1", "2", ...).</summary>
    public string NextAccountId()
    {
        var max = 0;
        foreach (var account in Accounts)
        {
            if (int.TryParse(account.Id, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > max)
            {
                max = n;
            }
        }

        return (max + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public UserAccount? FindById(string id) =>
        Accounts.FirstOrDefault(a => string.Equals(a.Id, id, StringComparison.Ordinal));

    public UserAccount? FindByUserName(string userName) =>
        Accounts.FirstOrDefault(a => string.Equals(a.UserName, userName, StringComparison.Ordinal));
}
