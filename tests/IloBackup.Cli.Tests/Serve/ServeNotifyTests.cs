using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using IloBackup.Cli.Tests.Fleet;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IloBackup.Cli.Tests.Serve;

/// <summary><c>serve --once</c> with notifications: a signed webhook to a receiver on Kestrel, and the usage errors of the options.</summary>
public sealed class ServeNotifyTests : IAsyncLifetime
{
    private EmulatedFleet _fleet = null!;

    public async Task InitializeAsync() => _fleet = await EmulatedFleet.StartAsync(2);

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    [Fact]
    public async Task Once_with_a_webhook_posts_the_failure_and_the_run_summary_signed_with_the_secret_file()
    {
        var posts = Channel.CreateUnbounded<(byte[] Body, string Signature)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        await using var receiver = builder.Build();
        receiver.MapPost("/hook", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            await posts.Writer.WriteAsync((body.ToArray(), http.Request.Headers["X-IloBackup-Signature"].ToString()));
            return Results.NoContent();
        });
        await receiver.StartAsync();
        var secretFile = Path.Combine(_fleet.Directory, "hook.secret");
        await File.WriteAllTextAsync(secretFile, "cli-hook-secret\n");
        var inventory = Path.Combine(_fleet.Directory, "with-dead.yaml");
        await File.WriteAllTextAsync(inventory, await File.ReadAllTextAsync(_fleet.Inventory) + "  - host: http://127.0.0.1:1\n");

        var (code, _, error) = await CliRun.RunAsync(
            "serve", "--repo", _fleet.Repository, "--inventory", inventory, "--once", "--retries", "0",
            "--webhook", receiver.Urls.Single() + "/hook", "--webhook-secret-file", secretFile, "--notify", "backup-failed,run-finished");

        Assert.True(code == ExitCodes.Partial, error);
        posts.Writer.TryComplete();
        var received = new List<JsonNode>();
        await foreach (var (body, signature) in posts.Reader.ReadAllAsync())
        {
            Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("cli-hook-secret"), body)), signature);
            received.Add(JsonNode.Parse(body)!);
        }

        // Everything was sent before serve --once returned: the queue is drained before the process ends.
        Assert.Equal(["backup-failed", "run-finished"], received.Select(j => (string)j["event"]!));
        Assert.Equal(3, (int)received[1]["details"]!["exitCode"]!);
        Assert.DoesNotContain("cli-hook-secret", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--webhook|https://hooks.example.com/x", "--webhook needs a secret: --webhook-secret-file FILE or $ILOBACKUP_WEBHOOK_SECRET")]
    [InlineData("--webhook|ftp://hooks.example.com/x", "--webhook: 'ftp://hooks.example.com/x' is not an http(s) URL")]
    [InlineData("--smtp|mail.example.com|--mail-from|a@example.com", "--smtp needs --mail-from and at least one --mail-to")]
    [InlineData("--smtp|mail.example.com|--mail-from|a@example.com|--mail-to|b@example.com|--smtp-user|u", "--smtp-user needs a password")]
    [InlineData("--smtp|127.0.0.1:2525|--mail-from|a@example.com|--mail-to|b@example.com|--notify|backup-done", "--notify: unknown event 'backup-done'")]
    public async Task Notification_options_are_checked_before_anything_runs(string arguments, string message)
    {
        var (code, _, error) = await CliRun.RunAsync(
            ["serve", "--repo", _fleet.Repository, "--inventory", _fleet.Inventory, "--once", .. arguments.Split('|')]);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_fleet.Repository, "serve", "runs")));
    }
}
