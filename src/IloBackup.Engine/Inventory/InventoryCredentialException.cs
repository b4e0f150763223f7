namespace IloBackup.Engine.Inventory;

/// <summary>A referenced password could not be read. The message never contains the secret.</summary>
public sealed class InventoryCredentialException : Exception
{
    public InventoryCredentialException()
    {
    }

    public InventoryCredentialException(string message)
        : base(message)
    {
    }

    public InventoryCredentialException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
