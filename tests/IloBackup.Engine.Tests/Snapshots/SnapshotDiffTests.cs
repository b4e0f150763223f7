using System.Text.Json.Nodes;
using IloBackup.Engine.Snapshots;

namespace IloBackup.Engine.Tests.Snapshots;

public sealed class SnapshotDiffTests
{
    [Fact]
    public void Reports_added_removed_and_changed_by_json_path()
    {
        var before = JsonNode.Parse("""{"a":{"x":1,"gone":true,"list":[1,2]},"odd key":"v"}""");
        var after = JsonNode.Parse("""{"a":{"x":2,"new":"n","list":[1]},"odd key":"v"}""");
        var differences = SnapshotDiff.Compare(before, after);
        Assert.Equal(
            [
                "- $.a.gone: true",
                "- $.a.list[1]: 2",
                "+ $.a.new: \"n\"",
                "~ $.a.x: 1 -> 2",
            ],
            differences.Select(d => d.ToString()));
    }

    [Fact]
    public void Equal_documents_have_no_differences()
    {
        var node = JsonNode.Parse("""{"a":[{"b":null}],"c":"d"}""");
        Assert.Empty(SnapshotDiff.Compare(node, node!.DeepClone()));
    }

    [Fact]
    public void Odd_keys_are_quoted()
    {
        var differences = SnapshotDiff.Compare(JsonNode.Parse("""{"a.b":1}"""), JsonNode.Parse("""{"a.b":2}"""));
        Assert.Equal("$['a.b']", Assert.Single(differences).Path);
    }

    [Fact]
    public void The_sanitizer_drops_secrets_state_and_navigation_and_masks_keys()
    {
        var resource = JsonNode.Parse("""
        {"@odata.id":"/x","Id":"1","Password":"p","Oem":{"Hpe":{"Links":{"a":1},"LicenseKey":"ABCDE-FGHIJ-KLMNO-PQRST-UVWXY","AuthPassphrase":"q"}},
         "PowerState":"On","ReadCommunities":["public"],"HostName":"h","Actions":{},"MinPasswordLength":8,"LogServices":{"@odata.id":"/l"},
         "ModesSupported":["a"],"Users":[{"Password":null,"UserName":"u"}]}
        """)!.AsObject();
        var clean = SnapshotSanitizer.Sanitize(resource).ToJsonString();
        Assert.Equal("""{"Id":"1","Oem":{"Hpe":{"LicenseKey":"*****-UVWXY"}},"ReadCommunities":["*****-"],"HostName":"h","MinPasswordLength":8,"Users":[{"UserName":"u"}]}""", clean);
    }
}
