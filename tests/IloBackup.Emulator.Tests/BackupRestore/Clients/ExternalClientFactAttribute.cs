namespace IloBackup.Emulator.Tests.BackupRestore.Clients;

/// <summary>A test that needs a real client installed; skipped with the install command when it is not.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ExternalClientFactAttribute : FactAttribute
{
    public ExternalClientFactAttribute(string client)
    {
        Client = client;
        if (ExternalClient.Missing(client) is { } reason)
        {
            Skip = reason;
        }
    }

    public string Client { get; }
}
