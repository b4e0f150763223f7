using System.Text.Json.Nodes;
using IloBackup.Cli.Repository;
using IloBackup.Engine.Repository;

namespace IloBackup.Cli.Tests.Repository;

/// <summary>Issue 6: catalog snapshot text the CLI did not write (damaged, hand-edited) is shown, never a crash.</summary>
public sealed class EntryJsonSnapshotTextTests
{
    [Theory]
    [InlineData("null", null)]
    [InlineData("{\"HostName\":\"a\",\"HostName\":\"b\"}", "{\"HostName\":\"a\",\"HostName\":\"b\"}")]
    [InlineData("{\"HostName\":", "{\"HostName\":")]
    [InlineData("[1,2]", "[1,2]")]
    public void Odd_snapshot_text_is_written_as_json_or_as_a_string(string snapshot, string? expected)
    {
        var entry = new BackupEntry { Id = 1, Host = "h", Outcome = BackupOutcome.Succeeded, TakenAt = DateTimeOffset.UnixEpoch, Snapshot = snapshot };

        var json = JsonNode.Parse(EntryJson.Render(w => EntryJson.Write(w, entry, withSnapshot: true)))!.AsObject();

        var written = json["snapshot"];
        var text = written is JsonValue v && v.TryGetValue<string>(out var s) ? s : written?.ToJsonString();
        Assert.Equal(expected, text);
    }
}
