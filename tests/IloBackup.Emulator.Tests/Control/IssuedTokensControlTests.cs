using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace IloBackup.Emulator.Tests.Control;

/// <summary>
/// The test hook that tells a leak search every session token the iLOs handed out: off by default,
/// and when on, only with the control secret; never through an iLO's own port.
/// </summary>
public sealed class IssuedTokensControlTests
{
    [Fact]
    public async Task Issued_tokens_are_not_recorded_unless_asked()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        (await emulator.LoginAsync()).Client.Dispose();
        using var control = new HttpClient(emulator.Fleet.CreateControlHandler()) { BaseAddress = new Uri("http://control/") };
        using var answer = await control.GetAsync("issued-tokens");
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Null(emulator.Fleet.ControlSecretFile); // no state directory, no control port: the secret stays in process
        Assert.Throws<InvalidOperationException>(() => emulator.Fleet.IssuedTokens);
    }

    [Fact]
    public async Task Every_token_handed_out_is_listed_only_with_the_control_secret()
    {
        using var state = new TempDirectory();
        await using var emulator = await EmulatorFixture.StartAsync(count: 2, stateDirectory: state.Path, configure: o => o with { RecordIssuedTokens = true });
        var (first, firstToken, _) = await emulator.LoginAsync(0);
        var (second, secondToken, location) = await emulator.LoginAsync(1);
        using (first)
        using (second)
        {
            using var logout = await second.DeleteAsync(location);
            Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        }

        var secret = emulator.Fleet.ControlSecret!;
        Assert.Equal(64, secret.Length);
        Assert.Equal(secret + "\n", await File.ReadAllTextAsync(emulator.Fleet.ControlSecretFile!));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(emulator.Fleet.ControlSecretFile!));
        }

        using var control = new HttpClient(emulator.Fleet.CreateControlHandler(sendSecret: false)) { BaseAddress = new Uri("http://control/") };
        var otherSecret = (secret[0] == '0' ? "1" : "0") + secret[1..]; // differs in its first digit, whatever that is
        foreach (var credential in new AuthenticationHeaderValue?[] { null, new("Bearer", otherSecret), new("Bearer", secret[..^1]), new("Basic", secret), new("Bearer", firstToken) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "issued-tokens");
            request.Headers.Authorization = credential;
            using var refused = await control.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            var text = await refused.Content.ReadAsStringAsync();
            Assert.DoesNotContain(firstToken, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }

        using var allowed = new HttpRequestMessage(HttpMethod.Get, "issued-tokens");
        allowed.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var answer = await control.SendAsync(allowed);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var tokens = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["tokens"]!.AsArray().Select(t => t!.GetValue<string>()).ToArray();
        Assert.Equal([firstToken, secondToken], tokens); // a logged-out session's token stays listed
        Assert.Equal(tokens, emulator.Fleet.IssuedTokens);

        // Not on an iLO's own port, whatever the credential.
        using var ilo = emulator.Client(0);
        using var throughIlo = new HttpRequestMessage(HttpMethod.Get, "/issued-tokens");
        throughIlo.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var notThere = await ilo.SendAsync(throughIlo);
        Assert.Equal(HttpStatusCode.NotFound, notThere.StatusCode);
    }
}
