namespace IloBackup.Engine.Inventory;

public enum PasswordSourceKind
{
    Environment,
    File,
}
