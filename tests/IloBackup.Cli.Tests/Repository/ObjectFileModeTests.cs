using IloBackup.Cli.Tests.Fleet;

namespace IloBackup.Cli.Tests.Repository;

/// <summary>
/// Issue 19: "Local object files are 0600, encrypted or not." A `fleet backup` through the CLI leaves every object and
/// record of the folder repository readable by its owner only, and `show` prints where the object is.
/// </summary>
public sealed class ObjectFileModeTests
{
    [Fact]
    public async Task A_fleet_backup_writes_objects_and_records_0600_and_show_locates_the_object()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // no Unix file modes
        }

        await using var emulated = await EmulatedFleet.StartAsync(2);
        var (code, output, error) = await RunAsync("fleet", "backup", "--inventory", emulated.Inventory, "--repo", emulated.Repository);
        Assert.True(code == ExitCodes.Ok, $"exit {code}\n{output}{error}");

        var files = Directory.GetFiles(Path.Combine(emulated.Repository, "objects"), "*", SearchOption.AllDirectories);
        Assert.Equal(4, files.Length); // two objects, two records
        foreach (var file in files)
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        var (shown, text, _) = await RunAsync("show", "1", "--repo", emulated.Repository);
        Assert.Equal(ExitCodes.Ok, shown);
        var objectLine = text.Split('\n').Single(l => l.StartsWith("object ", StringComparison.Ordinal));
        Assert.Contains(objectLine["object".Length..].Trim(), files);
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, new CliConsole(output, error, TextReader.Null, isInteractive: false));
        return (code, output.ToString(), error.ToString());
    }
}
