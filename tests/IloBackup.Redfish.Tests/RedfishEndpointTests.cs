namespace IloBackup.Redfish.Tests;

public sealed class RedfishEndpointTests
{
    [Theory]
    [InlineData("ilo1", "https://ilo1/", "ilo1:443")]
    [InlineData("ilo1:8443", "https://ilo1:8443/", "ilo1:8443")]
    [InlineData("https://10.0.0.5:8443/redfish/v1", "https://10.0.0.5:8443/", "10.0.0.5:8443")]
    [InlineData("http://127.0.0.1:9000", "http://127.0.0.1:9000/", "127.0.0.1:9000")]
    [InlineData("[fe80::1]:8443", "https://[fe80::1]:8443/", "[fe80::1]:8443")]
    [InlineData("fe80::1", "https://[fe80::1]/", "[fe80::1]:443")]
    public void Parses_hosts_urls_and_ipv6(string text, string baseUri, string hostPort)
    {
        var endpoint = RedfishEndpoint.Parse(text);
        Assert.Equal(baseUri, endpoint.BaseUri.ToString());
        Assert.Equal(hostPort, endpoint.HostPort);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ftp://ilo1")]
    [InlineData("https://user:pw@ilo1")]
    public void Refuses_what_is_not_a_host(string text) =>
        Assert.False(RedfishEndpoint.TryParse(text, out _, out _));

    [Fact]
    public void Absolute_links_are_reduced_to_their_path_on_this_endpoint()
    {
        var endpoint = RedfishEndpoint.Parse("https://[::1]:8443");
        Assert.Equal("https://[::1]:8443/redfish/v1/x", endpoint.Resolve("https://evil.example/redfish/v1/x").ToString());
        Assert.Equal("https://[::1]:8443/bkupdata/a.bak", endpoint.Resolve("/bkupdata/a.bak").ToString());
    }
}
