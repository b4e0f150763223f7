using System.Net;
using System.Net.Sockets;
using IloBackup.Engine.Backup;
using IloBackup.Redfish;
using IloBackup.Redfish.Credentials;
using IloBackup.Redfish.Errors;
using Microsoft.Extensions.Time.Testing;

namespace IloBackup.Integration.Tests.Hostile;

/// <summary>
/// Issue 11, item 8: a hostile or broken iLO gets an error naming the host and the cause in plain
/// words: an unpaired surrogate in its JSON, a NUL in its serial number, a port that accepts
/// connections and never answers (bounded, said so, not retried).
/// </summary>
public sealed class PlainErrorsTests
{
    [Fact]
    public async Task An_unpaired_surrogate_in_the_ilos_json_is_refused_with_the_host_named()
    {
        await using var ilo = await HostileIlo.StartAsync();
        using var surrogate = ilo.RewriteText(0, HostileIlo.IsIdentityPath, text => text.Replace("\"Model\":\"", "\"Model\":\"\\uD800", StringComparison.Ordinal));
        using var client = ilo.Client();

        var error = await Assert.ThrowsAsync<RedfishProtocolException>(() => new BackupOperation(client).RunAsync(
            new BackupRequest(), new FolderSink(Path.Combine(ilo.Directory, "lib") + "/"), null, CancellationToken.None));
        var (code, _, stderr) = await HostileCli.RunAsync(["backup", ilo.Url(), "-o", Path.Combine(ilo.Directory, "cli") + "/", .. ilo.Login]);

        Assert.Contains(new Uri(ilo.Url()).Authority, error.Message, StringComparison.Ordinal);
        Assert.Contains("not valid Unicode", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, code);
        Assert.Contains(new Uri(ilo.Url()).Authority, stderr, StringComparison.Ordinal);
        Assert.Contains("unpaired surrogate", stderr, StringComparison.Ordinal);
        Assert.Empty(ilo.Fleet[0].Sessions.List(ilo.Fleet[0].SessionTimeout));
    }

    [Fact]
    public async Task A_nul_in_the_serial_number_is_refused_with_the_host_named_and_nothing_written()
    {
        await using var ilo = await HostileIlo.StartAsync();
        using var serial = ilo.ReportSerial(0, "MXQ\0EVIL");
        using var client = ilo.Client();
        var output = Path.Combine(ilo.Directory, "out") + "/";

        var error = await Assert.ThrowsAsync<RedfishProtocolException>(() => new BackupOperation(client).RunAsync(new BackupRequest(), new FolderSink(output), null, CancellationToken.None));
        var (code, _, stderr) = await HostileCli.RunAsync(["backup", ilo.Url(), "-o", output, .. ilo.Login]);

        Assert.Contains(new Uri(ilo.Url()).Authority, error.Message, StringComparison.Ordinal);
        Assert.Contains("NUL character", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, code);
        Assert.Contains("serial number with a NUL character", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any());
    }

    [Fact]
    public async Task A_port_that_accepts_and_never_answers_fails_once_after_the_first_answer_bound()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var client = RedfishClient.CreateBuilder(RedfishEndpoint.Parse($"http://127.0.0.1:{port}"))
            .WithCredentials(new RedfishCredential("Administrator", "unused"))
            .WithTimeProvider(time)
            .Build();
        var accepted = new List<Socket>();

        var login = client.LoginAsync(CancellationToken.None);
        accepted.Add(await silent.AcceptSocketAsync());
        var buffer = new byte[4096];
        Assert.True(await accepted[0].ReceiveAsync(buffer) > 0); // the request arrived: the client waits for an answer
        time.Advance(TimeSpan.FromSeconds(15));
        var error = await Assert.ThrowsAsync<RedfishTimeoutException>(() => login.WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("GET /redfish/v1/, the first request: no answer within 15 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("accepts connections", error.Message, StringComparison.Ordinal);
        Assert.False(silent.Pending()); // not tried again
        foreach (var socket in accepted)
        {
            socket.Dispose();
        }
    }
}
