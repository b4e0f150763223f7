namespace IloBackup.Engine.Inventory;

public enum InventoryFormat
{
    Yaml,
    Csv,
    HostList,
}
