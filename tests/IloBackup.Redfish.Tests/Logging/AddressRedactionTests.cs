using IloBackup.Redfish.Logging;

namespace IloBackup.Redfish.Tests.Logging;

public sealed class AddressRedactionTests
{
    [Theory]
    [InlineData("https://admin:secret@ilo1:8443", "https://***@ilo1:8443")]
    [InlineData("admin:secret@ilo1", "***@ilo1")]
    [InlineData("https://admin:se/cr@et@ilo1/x", "https://***@ilo1/x")]
    [InlineData("https://ilo1:8443/redfish", "https://ilo1:8443/redfish")]
    [InlineData("ilo1", "ilo1")]
    [InlineData("", "")]
    public void User_information_is_hidden(string address, string shown) => Assert.Equal(shown, LogRedaction.Address(address));

    [Fact]
    public void A_refused_endpoint_does_not_repeat_its_password()
    {
        Assert.False(RedfishEndpoint.TryParse("https://admin:Hunter2@ilo1", out _, out var error));
        Assert.DoesNotContain("Hunter2", error, StringComparison.Ordinal);
        Assert.Contains("ilo1", error, StringComparison.Ordinal);
    }
}
