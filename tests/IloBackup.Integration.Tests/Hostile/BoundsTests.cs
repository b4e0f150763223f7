using System.Text;
using IloBackup.Engine.Backup;
using IloBackup.Redfish.Errors;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Integration.Tests.Hostile;

/// <summary>
/// Issue 11, item 6: what an iLO sends is counted as it arrives. A chunked JSON body (no
/// Content-Length) stops at the 4 MiB limit; a download stops at the backup size limit (64 MiB by
/// default, <c>--max-backup-size</c>), announced or not; nothing is saved.
/// </summary>
public sealed class BoundsTests
{
    [Fact]
    public async Task A_chunked_service_root_larger_than_the_json_limit_is_refused()
    {
        await using var ilo = await HostileIlo.StartAsync();
        using var huge = ilo.Answer(0, "GET", "/redfish/v1", context => Endless(context, "application/json", "{\"Name\":\"", 16L << 20, "\"}"));
        using var client = ilo.Client();

        var error = await Assert.ThrowsAsync<RedfishProtocolException>(() => client.GetServiceRootAsync(CancellationToken.None));

        Assert.Contains(new Uri(ilo.Url()).Authority, error.Message, StringComparison.Ordinal);
        Assert.Contains("4 MiB limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cli_refuses_a_chunked_json_body_over_the_limit_with_the_host_named()
    {
        await using var ilo = await HostileIlo.StartAsync();
        using var huge = ilo.Answer(0, "GET", "/redfish/v1", context => Endless(context, "application/json", "{\"Name\":\"", 16L << 20, "\"}"));

        var (code, _, stderr) = await HostileCli.RunAsync(["backup", ilo.Url(), "-o", Path.Combine(ilo.Directory, "out") + "/", .. ilo.Login]);

        Assert.Equal(1, code);
        Assert.Contains(new Uri(ilo.Url()).Authority, stderr, StringComparison.Ordinal);
        Assert.Contains("4 MiB limit", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chunked_download_past_the_default_64_MiB_limit_is_cut_off_and_nothing_is_saved()
    {
        await using var ilo = await HostileIlo.StartAsync();
        using var endless = ilo.Fleet.Overrides.Add(
            (context, _) => HttpMethods.IsGet(context.Request.Method) && context.Request.Path.StartsWithSegments("/bkupdata"),
            (context, _, _) => Endless(context, "application/octet-stream", string.Empty, 70L << 20, string.Empty));
        var output = Path.Combine(ilo.Directory, "out") + "/";
        using var client = ilo.Client();

        var error = await Assert.ThrowsAsync<RedfishProtocolException>(
            () => new BackupOperation(client).RunAsync(new BackupRequest { IncludeSnapshot = false }, new FolderSink(output), null, CancellationToken.None));

        Assert.Contains("64 MiB", error.Message, StringComparison.Ordinal);
        Assert.Contains("--max-backup-size", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(output));
        Assert.Empty(ilo.Fleet[0].Sessions.List(ilo.Fleet[0].SessionTimeout));
    }

    [Fact]
    public async Task The_cli_backup_refuses_a_file_over_max_backup_size_before_reading_it()
    {
        await using var ilo = await HostileIlo.StartAsync();
        var output = Path.Combine(ilo.Directory, "out") + "/";

        var (code, _, stderr) = await HostileCli.RunAsync(["backup", ilo.Url(), "-o", output, "--max-backup-size", "1KiB", .. ilo.Login]);

        Assert.Equal(1, code);
        Assert.Contains(new Uri(ilo.Url()).Authority, stderr, StringComparison.Ordinal);
        Assert.Contains("announced a file of", stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(output) ? Directory.GetFiles(output) : []);
    }

    [Fact]
    public async Task A_fleet_backup_over_max_backup_size_fails_that_ilo_once_without_retrying()
    {
        await using var ilo = await HostileIlo.StartAsync();
        var downloads = 0;
        using var counter = ilo.Fleet.Overrides.Add(
            (context, _) => HttpMethods.IsGet(context.Request.Method) && context.Request.Path.StartsWithSegments("/bkupdata"),
            (context, _, next) =>
            {
                Interlocked.Increment(ref downloads);
                return next(context);
            });
        var inventory = Path.Combine(ilo.Directory, "hosts.txt");
        await File.WriteAllTextAsync(inventory, ilo.Url() + "\n");

        var (code, stdout, _) = await HostileCli.RunAsync(
            ["fleet", "backup", "--inventory", inventory, "--repo", Path.Combine(ilo.Directory, "repo"), "--user", ilo.Fleet.AdminUser,
             "--password-file", ilo.PasswordFile, "--max-backup-size", "1KiB", "--json"]);

        Assert.Equal(1, code);
        Assert.Contains("over the limit for a backup file", stdout, StringComparison.Ordinal);
        Assert.Equal(1, downloads);
    }

    /// <summary>A body of <paramref name="length"/> bytes in 64 KiB chunks, without Content-Length (chunked).</summary>
    private static async Task Endless(HttpContext context, string type, string head, long length, string tail)
    {
        context.Response.ContentType = type;
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'a');
        try
        {
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(head), context.RequestAborted);
            for (long sent = 0; sent < length; sent += chunk.Length)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }

            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(tail), context.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client stopped reading: what this test wants.
        }
    }
}
