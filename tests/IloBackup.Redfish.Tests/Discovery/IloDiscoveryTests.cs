using IloBackup.Redfish.Discovery;
using IloBackup.TestSupport.FakeIlo;

namespace IloBackup.Redfish.Tests.Discovery;

public sealed class IloDiscoveryTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Finds_the_backup_service_from_the_manager_or_the_resource_directory(bool linked)
    {
        await using var fake = await FakeIlo.StartInProcessAsync();
        fake.LinkBackupServiceFromManager = linked;
        using var client = FakeIloClient.Create(fake);
        await using var session = await client.LoginAsync(CancellationToken.None);
        var path = await IloDiscovery.FindBackupRestoreServiceAsync(session, CancellationToken.None);
        var service = await IloDiscovery.GetBackupRestoreServiceAsync(session, path, TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.Equal("/redfish/v1/Managers/1/BackupRestoreService/", path);
        Assert.Equal("/cgi-bin/uploadRestoreFile", service.HttpPushUri);
        Assert.Equal("HPE_MXQ78407Z2_20261123_2130.bak", service.BackupFileName);
        Assert.False(service.CustomBackupandRestore);
        Assert.Equal(!linked, fake.Requests.Contains("GET /redfish/v1/ResourceDirectory/"));
    }
}
