namespace IloBackup.Engine.Inventory;

/// <summary>A parsed inventory: the hosts in file order and, optionally, the emulator's control endpoint.</summary>
public sealed record FleetInventory(string Source, InventoryFormat Format, Uri? Control, IReadOnlyList<InventoryHost> Hosts);
