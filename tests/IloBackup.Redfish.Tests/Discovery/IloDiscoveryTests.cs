using System.Text.Json.Nodes;
using IloBackup.Redfish.Discovery;

namespace IloBackup.Redfish.Tests.Discovery;

public sealed class IloDiscoveryTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Finds_the_backup_service_from_the_manager_or_the_resource_directory(bool linked)
    {
        await using var fleet = await EmulatedIlo.StartAsync();
        // The manager is read on its own or inline in its collection ($expand): unlinked in both.
        using var unlinked = linked ? null : fleet.Overrides.RewriteJson(0, "GET", "/redfish/v1/Managers/1/", Unlink);
        using var unlinkedInline = linked ? null : fleet.Overrides.RewriteJson(0, "GET", "/redfish/v1/Managers/", collection =>
        {
            foreach (var member in collection["Members"]!.AsArray().OfType<JsonObject>())
            {
                Unlink(member);
            }
        });
        using var log = fleet.Overrides.RecordRequests(out var requests);
        using var client = EmulatedIlo.Client(fleet);
        await using var session = await client.LoginAsync(CancellationToken.None);
        var path = await IloDiscovery.FindBackupRestoreServiceAsync(session, CancellationToken.None);
        var service = await IloDiscovery.GetBackupRestoreServiceAsync(session, path, TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.Equal("/redfish/v1/Managers/1/BackupRestoreService/", path);
        Assert.Equal("/cgi-bin/uploadRestoreFile", service.HttpPushUri);
        Assert.StartsWith($"HPE_{fleet[0].Identity.ServerSerial}_", service.BackupFileName, StringComparison.Ordinal);
        Assert.EndsWith(".bak", service.BackupFileName, StringComparison.Ordinal);
        Assert.False(service.CustomBackupandRestore);
        Assert.Equal(!linked, requests.Any(r => r.StartsWith("GET /redfish/v1/ResourceDirectory", StringComparison.Ordinal)));
    }

    private static void Unlink(JsonObject manager)
    {
        if (manager["Oem"]?["Hpe"]?["Links"] is JsonObject links)
        {
            links.Remove("BackupRestoreService");
        }
    }
}
