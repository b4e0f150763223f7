using IloBackup.Engine.Inventory;

namespace IloBackup.Cli.Fleet;

internal static class FleetInventoryFile
{
    /// <summary>Loads an inventory; a bad file is a usage error naming file and line.</summary>
    public static async Task<FleetInventory> LoadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await InventoryLoader.LoadAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (InventoryFormatException ex)
        {
            throw new CliUsageException(ex.Message, ex);
        }
    }
}
