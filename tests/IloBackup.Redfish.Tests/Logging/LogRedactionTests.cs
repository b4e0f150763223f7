using IloBackup.Redfish.Logging;

namespace IloBackup.Redfish.Tests.Logging;

public sealed class LogRedactionTests
{
    [Theory]
    [InlineData("/redfish/v1/SessionService/Sessions/admin0000018c2a7b3c4d5e6f7a8b/", "/redfish/v1/SessionService/Sessions/***")]
    [InlineData("https://ilo:443/redfish/v1/sessionservice/sessions/x1", "/redfish/v1/sessionservice/sessions/***")]
    [InlineData("/redfish/v1/Managers/1/?$select=Id", "/redfish/v1/Managers/1/")]
    [InlineData("/redfish/v1/SessionService/Sessions/", "/redfish/v1/SessionService/Sessions/")]
    public void Session_uris_and_queries_are_cut(string input, string expected) =>
        Assert.Equal(expected, LogRedaction.Path(input));
}
