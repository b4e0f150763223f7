using System.Text.Json.Nodes;
using IloBackup.Cli.Tests.Fleet;

namespace IloBackup.Cli.Tests.Descriptor;

/// <summary>The tool's config file names a repository file with <c>repo:</c> (relative to the config file): every verb uses it.</summary>
public sealed class DescriptorConfigTests
{
    [Fact]
    public async Task A_config_file_repo_key_naming_a_repository_file_reaches_the_verbs()
    {
        await using var emulated = await EmulatedFleet.StartAsync(2);
        var site = await DescriptorSite.SqliteFolderAsync(emulated.Directory);
        var config = Path.Combine(emulated.Directory, "config.yaml");
        await File.WriteAllTextAsync(config, $"repo: {Path.GetRelativePath(emulated.Directory, site.File)}\n");

        var (code, output, error) = await CliRun.RunAsync("fleet", "backup", "--config", config, "--inventory", emulated.Inventory, "--json");
        Assert.True(code == 0, output + error);
        (code, output, error) = await CliRun.RunAsync("history", "--config", config, "--json");
        Assert.True(code == 0, output + error);

        Assert.Equal(2, JsonNode.Parse(output)!.AsArray().Count);
        Assert.True(File.Exists(Path.Combine(site.Folder, "catalog", "catalog.db")));
        Assert.Equal(2, (await site.StoredObjectsAsync()).Keys.Count(k => !k.EndsWith(".json", StringComparison.Ordinal)));
        Assert.False(Directory.Exists(emulated.Repository));
        (code, output, error) = await CliRun.RunAsync("verify", "--config", config);
        Assert.True(code == 0, output + error);
    }
}
