using IloBackup.Redfish.Errors;

namespace IloBackup.Redfish.Tests;

/// <summary>Issue 11, item 5: <see cref="RedfishEndpoint.Resolve"/> keeps every link on the iLO's own address.</summary>
public sealed class LinkPolicyTests
{
    private static readonly RedfishEndpoint Ilo = RedfishEndpoint.Parse("https://10.0.0.5:8443");

    [Theory]
    [InlineData("//10.0.0.66:443/bkupdata/a.bak", "/bkupdata/a.bak")]
    [InlineData("//evil.example/redfish/v1/SessionService/Sessions/", "/redfish/v1/SessionService/Sessions/")]
    [InlineData("//evil.example", "/")]
    [InlineData("//evil.example?x=1", "/")]
    [InlineData("https://evil.example:9/cgi-bin/uploadRestoreFile", "/cgi-bin/uploadRestoreFile")]
    [InlineData("HTTPS://evil.example/redfish/v1/?$expand=.", "/redfish/v1/?$expand=.")]
    [InlineData("redfish/v1/Managers/1", "/redfish/v1/Managers/1")]
    [InlineData("/redfish/v1/Managers/1/?a=b", "/redfish/v1/Managers/1/?a=b")]
    public void Every_link_is_reduced_to_a_path_on_the_ilos_own_address(string link, string path)
    {
        var uri = Ilo.Resolve(link);
        Assert.Equal("10.0.0.5", uri.Host);
        Assert.Equal(8443, uri.Port);
        Assert.Equal("https", uri.Scheme);
        Assert.Equal(path, uri.PathAndQuery);
    }

    [Theory]
    [InlineData("///bkupdata/a.bak", "names no host and no path")]
    [InlineData("https://evil.example//other.example/x", "would name another host")]
    [InlineData("/\\evil.example/x", "backslash")]
    [InlineData("\\\\evil.example\\x", "backslash")]
    [InlineData("/bkupdata/a\u0000.bak", "control character")]
    [InlineData("file:///etc/passwd", "not an http(s) URL")]
    [InlineData("", "empty")]
    public void A_link_with_no_usable_path_is_refused_naming_the_host_and_the_link(string link, string why)
    {
        var error = Assert.Throws<RedfishProtocolException>(() => Ilo.Resolve(link));
        Assert.StartsWith("https://10.0.0.5:8443: the iLO gave the link '", error.Message, StringComparison.Ordinal);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\0', error.Message);
    }
}
