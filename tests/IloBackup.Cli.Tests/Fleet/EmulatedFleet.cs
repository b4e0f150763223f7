using IloBackup.Emulator.Hosting;

namespace IloBackup.Cli.Tests.Fleet;

/// <summary>An emulated fleet on loopback HTTPS with its inventory written, in a temporary directory.</summary>
internal sealed class EmulatedFleet : IAsyncDisposable
{
    private EmulatedFleet(string directory, EmulatorFleet fleet)
    {
        Directory = directory;
        Fleet = fleet;
    }

    public string Directory { get; }
    public EmulatorFleet Fleet { get; }
    public string Inventory => Path.Combine(Directory, "fleet.yaml");
    public string Repository => Path.Combine(Directory, "repo");

    public static async Task<EmulatedFleet> StartAsync(int count, TimeSpan? backupDuration = null, Func<EmulatorOptions, EmulatorOptions>? configure = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("cli-fleet-").FullName;
        var options = new EmulatorOptions
        {
            Count = count,
            FirstPort = 0,
            AdminPassword = "fleet-test-password",
            StateDirectory = Path.Combine(directory, "state"),
            ResetDuration = TimeSpan.FromMilliseconds(500),
            BackupRestore = new IloBackup.Emulator.BackupRestore.BackupRestoreOptions { BackupDuration = backupDuration ?? TimeSpan.Zero },
        };
        var fleet = await EmulatorFleet.StartAsync(configure?.Invoke(options) ?? options);
        var started = new EmulatedFleet(directory, fleet);
        fleet.WriteInventory(started.Inventory);
        return started;
    }

    public async ValueTask DisposeAsync()
    {
        await Fleet.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
