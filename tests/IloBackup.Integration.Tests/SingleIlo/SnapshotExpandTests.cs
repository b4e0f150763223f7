using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IloBackup.Engine.Snapshots;

namespace IloBackup.Integration.Tests.SingleIlo;

/// <summary>
/// The snapshot read with <c>$expand=.</c> (one request per collection) is the snapshot read one
/// member at a time, against the real emulator: same JSON, fewer requests (issue 5, fleet speed).
/// </summary>
public sealed class SnapshotExpandTests
{
    [Fact]
    public async Task Expanded_and_per_member_reads_give_the_same_snapshot_with_fewer_requests()
    {
        await using var ilo = await EmulatedIlo.StartAsync();
        await AddAccountsAsync(ilo, 4);

        var (expanded, expandedRequests) = await SnapshotAsync(ilo, useExpand: true);
        var (perMember, perMemberRequests) = await SnapshotAsync(ilo, useExpand: false);

        Assert.True(JsonNode.DeepEquals(expanded, perMember), $"expanded:\n{expanded}\nper member:\n{perMember}");
        Assert.Equal(5, expanded["sections"]!["accounts"]!["Accounts"]!.AsObject().Count);
        Assert.Contains(expandedRequests, r => r.EndsWith("/Accounts/?$expand=.", StringComparison.OrdinalIgnoreCase));
        // Discovery (Managers, Systems) expands in both: the snapshot's own collections only in the first.
        Assert.DoesNotContain(perMemberRequests, r => r.Contains("$expand", StringComparison.Ordinal)
            && !r.StartsWith("/redfish/v1/Managers/?", StringComparison.Ordinal) && !r.StartsWith("/redfish/v1/Systems/?", StringComparison.Ordinal));
        Assert.Equal(0, AccountReads(expandedRequests));
        Assert.Equal(5, AccountReads(perMemberRequests));
        // 5 accounts, 1 interface and 1 license read inline: 7 member reads saved.
        Assert.Equal(perMemberRequests.Count - 7, expandedRequests.Count);
    }

    [Fact]
    public async Task Without_expand_advertised_no_expand_is_sent_and_the_snapshot_is_the_same()
    {
        await using var ilo = await EmulatedIlo.StartAsync();
        await AddAccountsAsync(ilo, 2);
        var (reference, _) = await SnapshotAsync(ilo, useExpand: false);

        var (snapshot, requests) = await SnapshotAsync(ilo, useExpand: true, rewrite: (path, body) =>
        {
            if (path is "/redfish/v1/" or "/redfish/v1")
            {
                body["ProtocolFeaturesSupported"]!.AsObject().Remove("ExpandQuery");
            }
        });

        Assert.True(JsonNode.DeepEquals(reference, snapshot), $"reference:\n{reference}\nwithout ExpandQuery:\n{snapshot}");
        Assert.DoesNotContain(requests, r => r.Contains("$expand", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Members_an_expanded_answer_leaves_as_links_are_read_one_by_one()
    {
        await using var ilo = await EmulatedIlo.StartAsync();
        await AddAccountsAsync(ilo, 2);
        var (reference, _) = await SnapshotAsync(ilo, useExpand: false);

        // An iLO that accepts $expand on a collection but answers its members as plain links.
        var (snapshot, requests) = await SnapshotAsync(ilo, useExpand: true, rewrite: (path, body) =>
        {
            if (path.Contains("$expand", StringComparison.Ordinal) && body["Members"] is JsonArray members)
            {
                for (var i = 0; i < members.Count; i++)
                {
                    members[i] = new JsonObject { ["@odata.id"] = members[i]!["@odata.id"]!.GetValue<string>() };
                }
            }
        });

        Assert.True(JsonNode.DeepEquals(reference, snapshot), $"reference:\n{reference}\nlinks only:\n{snapshot}");
        Assert.Contains(requests, r => r.EndsWith("/Accounts/?$expand=.", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(3, AccountReads(requests));
    }

    [Fact]
    public async Task Other_links_an_iLO_expands_in_a_collection_are_read_as_links()
    {
        await using var ilo = await EmulatedIlo.StartAsync();
        await AddAccountsAsync(ilo, 1);

        // An iLO whose collections carry one more subordinate link, which $expand=. inlines too.
        static void AddRelated(string path, JsonObject body)
        {
            if (body["Members"] is JsonArray)
            {
                body["Oem"] = new JsonObject
                {
                    ["Hpe"] = new JsonObject
                    {
                        ["Related"] = path.Contains("$expand", StringComparison.Ordinal)
                            ? new JsonObject { ["@odata.id"] = "/redfish/v1/Related/", ["Id"] = "Related", ["Name"] = "inlined" }
                            : new JsonObject { ["@odata.id"] = "/redfish/v1/Related/" },
                        ["Fragment"] = new JsonObject { ["@odata.id"] = "/redfish/v1/Related/#/Part/0", ["Name"] = "kept" },
                    },
                };
            }
        }

        var (reference, _) = await SnapshotAsync(ilo, useExpand: false, rewrite: AddRelated);
        var (snapshot, _) = await SnapshotAsync(ilo, useExpand: true, rewrite: AddRelated);

        Assert.True(JsonNode.DeepEquals(reference, snapshot), $"reference:\n{reference}\nexpanded:\n{snapshot}");
        Assert.Contains("kept", reference.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("inlined", snapshot.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_backup_reads_the_manager_and_the_system_once_per_session_inline_with_their_collections()
    {
        await using var ilo = await EmulatedIlo.StartAsync();
        var recorder = new List<string>();
        using var client = ilo.InProcessClient(wrap: inner => new RecordingHandler(inner, recorder, null));
        await new Engine.Backup.BackupOperation(client).RunAsync(new Engine.Backup.BackupRequest(), new Engine.Backup.FolderSink(ilo.Directory), null, CancellationToken.None);

        var gets = recorder.Where(r => r.StartsWith("GET ", StringComparison.Ordinal)).Select(r => r[4..]).ToList();
        // The emulator offers $expand: each collection read once with its first member inline, never read again.
        Assert.Equal(["/redfish/v1/Managers/?$expand=."], gets.Where(p => p.Contains("/Managers/?", StringComparison.Ordinal) || p.EndsWith("/Managers/", StringComparison.Ordinal)));
        Assert.Equal(["/redfish/v1/Systems/?$expand=."], gets.Where(p => p.Contains("/Systems/?", StringComparison.Ordinal) || p.EndsWith("/Systems/", StringComparison.Ordinal)));
        Assert.DoesNotContain("/redfish/v1/Managers/1/", gets);
        Assert.DoesNotContain("/redfish/v1/Systems/1/", gets);
        Assert.Equal(15, recorder.Count);
    }

    /// <summary>GETs of single accounts (<c>.../Accounts/&lt;id&gt;</c>).</summary>
    private static int AccountReads(List<string> requests) =>
        requests.Count(r => r.Contains("/AccountService/Accounts/", StringComparison.Ordinal) && !r.Contains('?', StringComparison.Ordinal)
            && !r.EndsWith("/Accounts/", StringComparison.Ordinal));

    private static async Task AddAccountsAsync(EmulatedIlo ilo, int count)
    {
        using var client = ilo.InProcessClient();
        var session = await client.LoginAsync(CancellationToken.None);
        await using (session)
        {
            for (var i = 0; i < count; i++)
            {
                await session.PostAsync("/redfish/v1/AccountService/Accounts/", new JsonObject
                {
                    ["UserName"] = $"operator{i}",
                    ["Password"] = $"Operator-Passw0rd-{i}",
                    ["RoleId"] = i % 2 == 0 ? "Operator" : "ReadOnly",
                }, CancellationToken.None);
            }
        }
    }

    private static async Task<(JsonObject Snapshot, List<string> Requests)> SnapshotAsync(
        EmulatedIlo ilo, bool useExpand, Action<string, JsonObject>? rewrite = null)
    {
        var recorder = new List<string>();
        using var client = ilo.InProcessClient(wrap: inner => new RecordingHandler(inner, recorder, rewrite));
        var session = await client.LoginAsync(CancellationToken.None);
        await using (session)
        {
            var snapshot = await SnapshotReader.ReadAsync(session, useExpand, CancellationToken.None);
            var requests = recorder.Where(r => r.StartsWith("GET ", StringComparison.Ordinal)).Select(r => r[4..]).ToList();
            return (snapshot, requests);
        }
    }

    /// <summary>Records each request ("GET /path?query") and lets a test rewrite JSON answers.</summary>
    private sealed class RecordingHandler(HttpMessageHandler inner, List<string> requests, Action<string, JsonObject>? rewrite) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var pathAndQuery = Uri.UnescapeDataString(request.RequestUri!.PathAndQuery);
            lock (requests)
            {
                requests.Add($"{request.Method} {pathAndQuery}");
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (rewrite is null || response.Content.Headers.ContentType?.MediaType != "application/json")
            {
                return response;
            }

            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
            rewrite(pathAndQuery, body);
            var content = new StringContent(body.ToJsonString(), Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            response.Content = content;
            return response;
        }
    }
}
