namespace IloBackup.Emulator.Tests;

public sealed class SmokeTests
{
    [Fact]
    public async Task Service_root_answers_without_authentication()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var client = emulator.Client();
        var root = await JsonAssert.GetAsync(client, "/redfish/v1/");
        Assert.Equal("#ServiceRoot.v1_5_1.ServiceRoot", root["@odata.type"]!.GetValue<string>());
        Assert.Equal("/redfish/v1/", root["@odata.id"]!.GetValue<string>());
        var noSlash = await JsonAssert.GetAsync(client, "/redfish/v1");
        Assert.Equal("/redfish/v1", noSlash["@odata.id"]!.GetValue<string>());
    }
}
