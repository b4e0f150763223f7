using System.Text.Json.Nodes;
using IloBackup.Emulator.BackupRestore;
using IloBackup.Engine.Backup;
using IloBackup.Emulator.Hosting;
using IloBackup.Engine.Nand;
using IloBackup.Engine.Restore;
using IloBackup.Redfish.Errors;
using IloBackup.TestSupport.Emulation;

namespace IloBackup.Engine.Tests.Nand;

/// <summary>
/// Issue 15, safety 3: listing the NAND backups and a restore's pre-flight never GET the Backup and
/// Restore service (that GET makes the iLO write a backup file): the listing finds BackupFiles in the
/// ResourceDirectory, the pre-flight needs only the service's path, and only the upload reads it.
/// </summary>
public sealed class ReadOnlyDiscoveryTests
{
    [Fact]
    public async Task Listing_finds_BackupFiles_in_the_ResourceDirectory_and_writes_no_backup()
    {
        await using var fleet = await TestIlo.StartInProcessAsync();
        using var client = TestIloClient.Create(fleet);
        var nand = new NandBackupOperation(client);
        await nand.CreateAsync(CancellationToken.None);
        var downloads = Downloads(fleet);

        var list = await nand.ListAsync(CancellationToken.None);

        Assert.Equal("1", Assert.Single(list.Files).Id);
        Assert.Equal(downloads, Downloads(fleet));
    }

    [Fact]
    public async Task Without_BackupFiles_in_the_ResourceDirectory_the_listing_fails_rather_than_read_the_service()
    {
        await using var fleet = await TestIlo.StartInProcessAsync();
        using var client = TestIloClient.Create(fleet);
        using var hidden = fleet.Overrides.RewriteJson(null, "GET", "/redfish/v1/ResourceDirectory", json =>
            json["Instances"] = new JsonArray([.. json["Instances"]!.AsArray()
                .Where(i => (string?)i!["@odata.type"] is not { } type || !type.StartsWith("#HpeiLOBackupFileCollection.", StringComparison.Ordinal))
                .Select(i => i!.DeepClone())]));

        var error = await Assert.ThrowsAsync<RedfishProtocolException>(() => new NandBackupOperation(client).ListAsync(CancellationToken.None));

        Assert.Contains("lists no BackupFiles collection", error.Message, StringComparison.Ordinal);
        Assert.Empty(Downloads(fleet));
        Assert.Empty(BackupRestoreFeature.Of(fleet[0]).KeptBackups);
    }

    [Fact]
    public async Task The_preflight_writes_no_backup_and_the_upload_reads_the_push_uri()
    {
        await using var fleet = await TestIlo.StartInProcessAsync(o => o.WithShortReset());
        using var client = TestIloClient.Create(fleet);
        var directory = Directory.CreateTempSubdirectory("readonly-plan-").FullName;
        var file = (await new BackupOperation(client).RunAsync(new BackupRequest(), new FolderSink(directory), null, CancellationToken.None)).FilePath;
        var downloads = Downloads(fleet);

        await using var operation = new RestoreOperation(client);
        var request = new RestoreRequest { FilePath = file, PollInterval = TimeSpan.FromMilliseconds(5), Deadline = TimeSpan.FromSeconds(20) };
        var plan = await operation.PlanAsync(request, CancellationToken.None);

        Assert.False(plan.IsBlocked, string.Join("; ", plan.Problems));
        Assert.Null(plan.HttpPushUri);
        Assert.Equal(downloads, Downloads(fleet));
        var result = await operation.ExecuteAsync(plan, null, CancellationToken.None);
        Assert.True(result.IdentityMatches);
        Directory.Delete(directory, recursive: true);
    }

    private static string[] Downloads(EmulatorFleet fleet) =>
        [.. BackupRestoreFeature.Of(fleet[0]).BackupFiles.Select(f => $"{f.Name} {f.Modified:O}")];
}
