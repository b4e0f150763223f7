namespace IloBackup.Redfish.Credentials;

/// <summary>A user name and password for an iLO. <see cref="ToString"/> never shows the password.</summary>
public sealed class RedfishCredential
{
    public RedfishCredential(string userName, string password)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        ArgumentNullException.ThrowIfNull(password);
        UserName = userName;
        Password = password;
    }

    public string UserName { get; }

    public string Password { get; }

    public override string ToString() => $"{UserName} (password hidden)";
}
