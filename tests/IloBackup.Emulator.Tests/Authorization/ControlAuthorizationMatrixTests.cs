using System.Net;
using System.Net.Http.Headers;
using System.Text;
using IloBackup.Emulator.Control;
using IloBackup.Emulator.Faults;
using Xunit.Abstractions;

namespace IloBackup.Emulator.Tests.Authorization;

/// <summary>
/// The control endpoint's half of the authorization matrix (docs/security.md, "Authorization
/// matrix"): every route of its own table (<see cref="ControlRoutes.All"/>, enumerated, so a new
/// route cannot escape) × every credential that is not the control secret gives 401 with
/// <c>WWW-Authenticate: Bearer</c> and changes nothing; the secret gives 200; and no route answers
/// through an iLO's port, even with the secret.
/// </summary>
public sealed class ControlAuthorizationMatrixTests(ITestOutputHelper output)
{
    /// <summary>The bodies the POST routes need to succeed; a route missing here fails the 200 check.</summary>
    private static readonly Dictionary<string, string> Bodies = new(StringComparer.Ordinal)
    {
        ["POST /ilos/{k}/faults"] = """{"faults": [{"kind": "unavailable", "rate": 1}]}""",
        ["POST /ilos/{k}/firmware-update"] = """{"version": "2.80", "seconds": 5}""",
        ["POST /ilos/{k}/battery-failure"] = """{"seconds": 5}""",
        ["POST /ilos/{k}/reset"] = """{"seconds": 5}""",
    };

    public static TheoryData<string> Routes()
    {
        var data = new TheoryData<string>();
        foreach (var route in ControlRoutes.All)
        {
            data.Add(route.ToString());
        }

        return data;
    }

    [Fact]
    public void The_table_holds_every_control_and_the_bodies_name_real_routes()
    {
        var names = ControlRoutes.All.Select(r => r.ToString()).ToArray();
        Assert.Equal(names.Length, names.Distinct(StringComparer.Ordinal).Count());
        foreach (var expected in new[] { "GET /ilos", "GET /ilos/{k}", "POST /ilos/{k}/factory-reset", "POST /ilos/{k}/faults" })
        {
            Assert.Contains(expected, names);
        }

        Assert.All(Bodies.Keys, key => Assert.Contains(key, names));
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Only_the_control_secret_opens_the_route(string name)
    {
        var route = ControlRoutes.All.Single(r => r.ToString() == name);
        await using var emulator = await EmulatorFixture.StartAsync(count: 2);
        var (iloClient, iloToken, _) = await emulator.LoginAsync(1);
        iloClient.Dispose();
        var secret = emulator.Fleet.ControlSecret;
        Assert.Matches("^[0-9A-F]{64}$", secret);
        var path = "/" + route.Template.Replace(ControlRoute.IloIndex, "1", StringComparison.Ordinal);
        using var control = new HttpClient(emulator.Fleet.CreateControlHandler(sendSecret: false)) { BaseAddress = new Uri("http://control/") };

        var ilo = emulator.Fleet[1];
        var before = (ilo.Version, ilo.IsReachable, IloFaults.Of(ilo).Specs.Count);
        foreach (var (caller, authorization, header) in Refused(secret, iloToken))
        {
            using var request = Request(route, path, authorization, header);
            using var answer = await control.SendAsync(request);
            var text = await answer.Content.ReadAsStringAsync();
            output.WriteLine($"{route} as {caller}: {(int)answer.StatusCode}");
            Assert.True(answer.StatusCode == HttpStatusCode.Unauthorized, $"{route} as {caller}: {(int)answer.StatusCode} {text}");
            Assert.Equal("Bearer", answer.Headers.WwwAuthenticate.ToString());
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(iloToken, text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(before, (ilo.Version, ilo.IsReachable, IloFaults.Of(ilo).Specs.Count));

        using (var request = Request(route, path, new AuthenticationHeaderValue("Bearer", secret), header: null))
        using (var answer = await control.SendAsync(request))
        {
            output.WriteLine($"{route} with the control secret: {(int)answer.StatusCode}");
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{route} with the control secret: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
        }

        // Never through an iLO's port, whatever the credential.
        using var throughIlo = emulator.Client(0); // iLO 1 may be resetting now
        using (var request = Request(route, path, new AuthenticationHeaderValue("Bearer", secret), header: null))
        using (var answer = await throughIlo.SendAsync(request))
        {
            Assert.True(answer.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"{route} through the iLO's port: {(int)answer.StatusCode}");
        }
    }

    [Fact]
    public async Task An_unknown_path_or_ilo_asks_for_the_secret_before_saying_it_does_not_exist()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var control = new HttpClient(emulator.Fleet.CreateControlHandler(sendSecret: false)) { BaseAddress = new Uri("http://control/") };
        foreach (var path in new[] { "/", "/nope", "/ilos/7", "/ilos/0/explode", "/ilos/0/faults/x" })
        {
            using var anonymous = await control.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", emulator.Fleet.ControlSecret);
            using var known = await control.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotFound, known.StatusCode);
        }
    }

    /// <summary>Every credential that must be refused: none, near misses of the secret, the secret in the wrong scheme or header, an iLO's own credentials.</summary>
    private static IEnumerable<(string Caller, AuthenticationHeaderValue? Authorization, (string Name, string Value)? Header)> Refused(string secret, string iloToken)
    {
        var other = (secret[0] == 'A' ? "B" : "A") + secret[1..];
        yield return ("no credential", null, null);
        yield return ("a wrong secret", new("Bearer", other), null);
        yield return ("the secret truncated", new("Bearer", secret[..^1]), null);
        yield return ("the secret and one more digit", new("Bearer", secret + "0"), null);
        yield return ("the secret in lower case", new("Bearer", secret.ToLowerInvariant()), null);
        yield return ("an empty Bearer", new("Bearer"), null);
        yield return ("Basic with the secret", new("Basic", secret), null);
        yield return ("Basic with the secret as password", new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("control:" + secret))), null);
        yield return ("Basic with an iLO's administrator", EmulatorFixture.Basic("Administrator", EmulatorFixture.Password), null);
        yield return ("an iLO session token as Bearer", new("Bearer", iloToken), null);
        yield return ("an iLO session token as X-Auth-Token", null, ("X-Auth-Token", iloToken));
        yield return ("the secret as X-Auth-Token", null, ("X-Auth-Token", secret));
    }

    private static HttpRequestMessage Request(ControlRoute route, string path, AuthenticationHeaderValue? authorization, (string Name, string Value)? header)
    {
        var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
        if (route.Method == HttpMethod.Post.Method)
        {
            request.Content = new StringContent(Bodies.GetValueOrDefault(route.ToString(), ""), Encoding.UTF8, "application/json");
        }

        request.Headers.Authorization = authorization;
        if (header is { } extra)
        {
            request.Headers.TryAddWithoutValidation(extra.Name, extra.Value);
        }

        return request;
    }
}
