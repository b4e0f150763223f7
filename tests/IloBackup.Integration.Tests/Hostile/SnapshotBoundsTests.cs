using System.Text;
using System.Text.Json.Nodes;
using IloBackup.Engine.Backup;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Integration.Tests.Hostile;

/// <summary>
/// Every JSON answer is bounded (4 MiB), but the readable snapshot gathers many of them: up to 64
/// members of each of three collections, plus five resources. An iLO whose every account is a
/// mebibyte of text must not make a backup hold (and write beside the file) hundreds of them: the
/// snapshot is bounded as a whole, and the backup is kept without it, with a warning.
/// </summary>
public sealed class SnapshotBoundsTests
{
    private const int Accounts = 16;
    private const int AccountBytes = 1 << 20;

    [Fact]
    public async Task A_snapshot_past_its_bound_is_dropped_and_the_backup_kept_with_a_warning()
    {
        await using var ilo = await HostileIlo.StartAsync();
        using var hostile = HugeAccounts(ilo);
        var output = Path.Combine(ilo.Directory, "out") + "/";
        using var client = ilo.Client();

        var result = await new BackupOperation(client).RunAsync(new BackupRequest(), new FolderSink(output), null, CancellationToken.None);

        Assert.Null(result.Metadata.Snapshot);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("snapshot", warning, StringComparison.Ordinal);
        Assert.Contains("MiB limit", warning, StringComparison.Ordinal);
        Assert.True(File.Exists(result.FilePath));
        Assert.True(new FileInfo(result.FilePath + ".json").Length < 64 * 1024);
        Assert.Empty(ilo.Fleet[0].Sessions.List(ilo.Fleet[0].SessionTimeout));
    }

    [Fact]
    public async Task The_cli_backup_says_the_snapshot_was_too_large_and_keeps_the_file()
    {
        await using var ilo = await HostileIlo.StartAsync();
        using var hostile = HugeAccounts(ilo);
        var output = Path.Combine(ilo.Directory, "out") + "/";

        var (code, stdout, stderr) = await HostileCli.RunAsync(["backup", ilo.Url(), "-o", output, "--json", .. ilo.Login]);

        Assert.True(code == 0, stderr);
        var json = JsonNode.Parse(stdout)!;
        Assert.False((bool)json["snapshot"]!);
        Assert.Contains("MiB limit", json["warnings"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var sidecar = Assert.Single(Directory.GetFiles(output, "*.bak.json"));
        Assert.True(new FileInfo(sidecar).Length < 64 * 1024);
    }

    [Fact]
    public async Task A_restore_whose_live_snapshot_is_past_its_bound_succeeds_and_says_it_was_not_compared()
    {
        await using var ilo = await HostileIlo.StartAsync();
        var output = Path.Combine(ilo.Directory, "out") + "/";
        var (code, _, stderr) = await HostileCli.RunAsync(["backup", ilo.Url(), "-o", output, .. ilo.Login]);
        Assert.True(code == 0, stderr);
        var file = Assert.Single(Directory.GetFiles(output, "*.bak"));
        using var hostile = HugeAccounts(ilo);

        (code, var stdout, stderr) = await HostileCli.RunAsync(["restore", ilo.Url(), file, "--yes", "--json", .. ilo.Login]);

        Assert.True(code == 0, stderr);
        var json = JsonNode.Parse(stdout)!;
        Assert.Contains("MiB limit", json["comparisonNote"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(ilo.Fleet[0].Sessions.List(ilo.Fleet[0].SessionTimeout));
    }

    /// <summary>The account collection lists <see cref="Accounts"/> members by link; each is a mebibyte of description.</summary>
    private static IDisposable HugeAccounts(HostileIlo ilo) =>
        ilo.Fleet.Overrides.Add(
            (context, _) => HttpMethods.IsGet(context.Request.Method)
                && context.Request.Path.StartsWithSegments("/redfish/v1/AccountService/Accounts", StringComparison.OrdinalIgnoreCase),
            async (context, _, _) =>
            {
                var rest = context.Request.Path.Value!["/redfish/v1/AccountService/Accounts".Length..].Trim('/');
                JsonObject body;
                if (rest.Length == 0)
                {
                    var members = new JsonArray();
                    for (var i = 0; i < Accounts; i++)
                    {
                        members.Add(new JsonObject { ["@odata.id"] = $"/redfish/v1/AccountService/Accounts/h{i}" });
                    }

                    body = new JsonObject { ["@odata.id"] = "/redfish/v1/AccountService/Accounts", ["Members"] = members };
                }
                else
                {
                    body = new JsonObject
                    {
                        ["@odata.id"] = $"/redfish/v1/AccountService/Accounts/{rest}",
                        ["Id"] = rest,
                        ["UserName"] = "user-" + rest,
                        ["Description"] = new string('d', AccountBytes),
                    };
                }

                var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
                context.Response.ContentType = "application/json; charset=utf-8";
                context.Response.ContentLength = bytes.Length;
                await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
            });
}
