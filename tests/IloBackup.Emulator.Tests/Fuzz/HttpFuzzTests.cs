using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using IloBackup.TestSupport.Fuzzing;
using Xunit.Abstractions;

namespace IloBackup.Emulator.Tests.Fuzz;

/// <summary>
/// Issue 14, "Never a 500": seeded hostile HTTP requests over real sockets to a listening iLO
/// (see <see cref="HostileHttpRequests"/>). No answer is 500 or above, every request gets an answer,
/// and an answer of 400 or above leaves the configuration as it was. CI sends 200 requests per seed;
/// <c>SCALE=20 bench/fuzz/run.sh</c> sends 4,000 per seed (20,000 over the five seeds).
/// </summary>
public sealed class HttpFuzzTests(ITestOutputHelper output)
{
    [Theory]
    [Trait("Category", "Fuzz")]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Hostile_requests_on_every_route_never_answer_500_and_a_refusal_changes_nothing(int seed)
    {
        var logs = new CollectingLoggerFactory();
        await using var emulator = await EmulatorFixture.StartAsync(listen: true, configure: o => o with { UseHttps = false, ResetDuration = TimeSpan.Zero, LoggerFactory = logs });
        var ilo = emulator.Fleet[0];
        // Failed logins are delayed on the iLO's clock, which is a fake one here: no delay, so every request is answered.
        ilo.UpdateConfiguration(c => c with { Security = c.Security with { AuthFailuresBeforeDelay = int.MaxValue / 2 } });
        var basic = EmulatorFixture.Basic(emulator.Fleet.AdminUser, EmulatorFixture.Password).ToString();
        var requests = new HostileHttpRequests(seed, basic);
        var tally = new FuzzTally(string.Create(CultureInfo.InvariantCulture, $"HTTP requests over sockets (seed {seed})"));
        var statuses = new SortedDictionary<int, int>();
        var count = FuzzBudget.Iterations(200);
        for (var i = 0; i < count; i++)
        {
            var (bytes, what, complete) = requests.Next();
            var before = ilo.Configuration;
            var logged = logs.Lines.Count;
            var status = await SendAsync(ilo.Port, bytes, complete);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status == 0 && !complete)
            {
                // Announced more body than it sent, then gave up: the server waited, no answer is due.
                tally.Rejected();
            }
            else if (status == 501 && (what.Contains("$filter", StringComparison.Ordinal) || what.Contains("$top", StringComparison.Ordinal)))
            {
                // QueryNotSupported: DSP0266 requires 501 for a $ query option the service does not support.
                tally.Rejected();
            }
            else if (status >= 500 || status == 0)
            {
                tally.Crash($"{(status == 0 ? "no answer" : status.ToString(CultureInfo.InvariantCulture))} for {what} ({string.Join(" | ", logs.Lines.Skip(logged))})");
            }
            else if (status >= 400 && !ReferenceEquals(before, ilo.Configuration))
            {
                tally.Crash($"{status} but the configuration changed, for {what}");
            }
            else if (status >= 400)
            {
                tally.Rejected();
            }
            else
            {
                tally.Accepted();
            }
        }

        output.WriteLine("statuses: " + string.Join(", ", statuses.Select(p => $"{p.Key}: {p.Value}")));
        foreach (var line in logs.Lines.Distinct().Take(10))
        {
            output.WriteLine("emulator log: " + line);
        }

        tally.ReportAndAssert(output);
    }

    [Theory]
    [InlineData("{\"HostName\xe9\":1}", "Content-Length")]
    [InlineData("{\"HostName\":\"fz\xff\xfex\"}", "Content-Length")]
    [InlineData("{\"HostName\":\"fz\\ud800x\"}", "Content-Length")]
    [InlineData("{\"\\udc00HostName\":1}", "chunked")]
    [InlineData("{\"HostName\":\"a\"}", "overflowing chunk size")]
    public async Task Broken_text_or_chunking_in_a_PATCH_is_400_MalformedJSON_and_changes_nothing(string latin1Body, string framing)
    {
        await using var emulator = await EmulatorFixture.StartAsync(listen: true, configure: o => o with { UseHttps = false });
        var ilo = emulator.Fleet[0];
        var before = ilo.Configuration;
        var body = Encoding.Latin1.GetBytes(latin1Body);
        var head = "PATCH /redfish/v1/Managers/1/EthernetInterfaces/1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAuthorization: "
            + EmulatorFixture.Basic(emulator.Fleet.AdminUser, EmulatorFixture.Password) + "\r\n";
        byte[] request = framing switch
        {
            "Content-Length" => [.. Encoding.ASCII.GetBytes(head + $"Content-Length: {body.Length}\r\n\r\n"), .. body],
            "chunked" => [.. Encoding.ASCII.GetBytes(head + $"Transfer-Encoding: chunked\r\n\r\n{body.Length:x}\r\n"), .. body, .. "\r\n0\r\n\r\n"u8],
            _ => [.. Encoding.ASCII.GetBytes(head + "Transfer-Encoding: chunked\r\n\r\n" + new string('1', 100) + "\r\n"), .. body],
        };

        var (status, text) = await SendForTextAsync(ilo.Port, request);

        Assert.Equal(400, status);
        Assert.Contains("MalformedJSON", text, StringComparison.Ordinal);
        Assert.Same(before, ilo.Configuration);
    }

    private static async Task<(int Status, string Text)> SendForTextAsync(int port, byte[] bytes)
    {
        using var client = new TcpClient(AddressFamily.InterNetwork) { NoDelay = true };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(bytes, timeout.Token);
        var answer = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while (!Encoding.ASCII.GetString(answer.ToArray()).Contains("}}", StringComparison.Ordinal) && (read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                answer.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // Closed after the answer.
        }

        var text = Encoding.ASCII.GetString(answer.ToArray());
        return (text.Length >= 12 ? int.Parse(text.AsSpan(9, 3), CultureInfo.InvariantCulture) : 0, text);
    }

    /// <summary>
    /// Sends the bytes on a new connection and returns the status of the answer (0 for none). An
    /// incomplete request gets a short wait, then the sending side is closed (the server then sees the
    /// body end early); a complete one is waited for up to 20 s, which only a hang reaches.
    /// </summary>
    private static async Task<int> SendAsync(int port, byte[] bytes, bool complete)
    {
        using var client = new TcpClient(AddressFamily.InterNetwork) { LingerState = new LingerOption(true, 0), NoDelay = true };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(bytes, timeout.Token);
        }
        catch (IOException)
        {
            // The server answered and closed before taking everything: read what it said.
        }

        var answer = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            if (!complete)
            {
                using var first = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
                first.CancelAfter(TimeSpan.FromMilliseconds(300));
                try
                {
                    var read = await stream.ReadAsync(buffer, first.Token);
                    answer.Write(buffer, 0, read);
                }
                catch (OperationCanceledException) when (!timeout.IsCancellationRequested)
                {
                    client.Client.Shutdown(SocketShutdown.Send);
                }
            }

            int more;
            while (answer.Length < 12 && (more = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                answer.Write(buffer, 0, more);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // Reset or no answer: the status line, if any, is what counts.
        }

        var text = Encoding.ASCII.GetString(answer.ToArray());
        return text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && text.Length >= 12
            && int.TryParse(text.AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var status)
            ? status
            : 0;
    }
}
