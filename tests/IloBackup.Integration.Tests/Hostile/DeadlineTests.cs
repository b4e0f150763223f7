using System.Net;
using System.Net.Sockets;
using IloBackup.Cli;
using IloBackup.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace IloBackup.Integration.Tests.Hostile;

/// <summary>
/// Issue 11, items 6 and 8 on the CLI's clock (a fake one: no real waits): a verb's total
/// <c>--deadline</c> ends a trickle that never trips the idle timeout, and a port that accepts
/// connections but never answers fails after the first-answer bound, with the host named.
/// </summary>
public sealed class DeadlineTests
{
    [Fact]
    public async Task A_download_trickling_one_byte_every_59_s_ends_at_the_5_minute_deadline()
    {
        await using var ilo = await HostileIlo.StartAsync();
        var release = new SemaphoreSlim(0);
        using var trickle = ilo.Fleet.Overrides.Add(
            (context, _) => HttpMethods.IsGet(context.Request.Method) && context.Request.Path.StartsWithSegments("/bkupdata"),
            async (context, _, _) =>
            {
                context.Response.ContentType = "application/octet-stream";
                context.Response.ContentLength = 20_000;
                try
                {
                    while (true)
                    {
                        await context.Response.Body.WriteAsync(new byte[] { 42 }, context.RequestAborted);
                        await context.Response.Body.FlushAsync(context.RequestAborted);
                        await release.WaitAsync(context.RequestAborted);
                    }
                }
                catch (Exception e) when (e is OperationCanceledException or IOException)
                {
                    // The client gave up: the point of the test.
                }
            });
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero));
        var output = Path.Combine(ilo.Directory, "out") + "/";
        var run = RunAsync(time, ["backup", ilo.Url(), "-o", output, "--no-snapshot", .. ilo.Login]);

        var advanced = TimeSpan.Zero;
        for (var bytes = 1; !run.IsCompleted; bytes++)
        {
            // Each byte is on disk (so the client re-armed its idle timeout) before the clock moves on.
            await Polling.UntilAsync(() => run.IsCompleted || Received(output) >= bytes, $"byte {bytes} received", 30_000);
            if (run.IsCompleted)
            {
                break;
            }

            time.Advance(TimeSpan.FromSeconds(59));
            advanced += TimeSpan.FromSeconds(59);
            release.Release();
            Assert.True(advanced < TimeSpan.FromMinutes(7), "the deadline did not end the trickle");
        }

        var (code, _, stderr) = await run;
        Assert.Equal(1, code);
        Assert.Contains(new Uri(ilo.Url()).Authority, stderr, StringComparison.Ordinal);
        Assert.Contains("backup stopped at its deadline of 5 min (--deadline)", stderr, StringComparison.Ordinal);
        Assert.InRange(advanced, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(6));
        Assert.Empty(Directory.GetFiles(output, "*", SearchOption.AllDirectories));
        Assert.Empty(ilo.Fleet[0].Sessions.List(ilo.Fleet[0].SessionTimeout));
    }

    [Fact]
    public async Task The_cli_says_what_a_silent_port_is_after_15_s_and_does_not_retry()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero));
        var password = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(password, "unused\n");
            var run = RunAsync(time, ["backup", $"http://127.0.0.1:{port}", "-o", Path.GetTempPath(), "--user", "Administrator", "--password-file", password]);
            using var socket = await silent.AcceptSocketAsync();
            Assert.True(await socket.ReceiveAsync(new byte[4096]) > 0);
            time.Advance(TimeSpan.FromSeconds(15));

            var (code, _, stderr) = await run.WaitAsync(TimeSpan.FromSeconds(20));

            Assert.Equal(1, code);
            Assert.Contains($"127.0.0.1:{port}", stderr, StringComparison.Ordinal);
            Assert.Contains("within 15 s", stderr, StringComparison.Ordinal);
            Assert.Contains("not tried again", stderr, StringComparison.Ordinal);
            Assert.False(silent.Pending());
        }
        finally
        {
            File.Delete(password);
        }
    }

    private static long Received(string output) =>
        Directory.Exists(output) ? Directory.GetFiles(output, "*.partial").Sum(f => new FileInfo(f).Length) : 0;

    private static async Task<(int Code, string Out, string Err)> RunAsync(TimeProvider time, string[] args)
    {
        await Task.Yield();
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(string.Empty);
        var code = await CliApp.RunAsync(args, new CliConsole(output, error, input, isInteractive: false) { Time = time }, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
