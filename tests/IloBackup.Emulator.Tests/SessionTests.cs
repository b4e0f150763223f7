using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace IloBackup.Emulator.Tests;

/// <summary>§2 of the behaviour doc: sessions and authentication.</summary>
public sealed class SessionTests
{
    private const string NoValidSessionBody =
        "{\"error\":{\"code\":\"iLO.0.10.ExtendedInfo\",\"message\":\"See @Message.ExtendedInfo for more information.\",\"@Message.ExtendedInfo\":[{\"MessageId\":\"Base.1.12.NoValidSession\"}]}}";

    [Fact]
    public async Task Login_answers_201_with_token_and_absolute_location_without_port()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var client = emulator.Client();
        using var response = await client.PostAsJsonAsync("/redfish/v1/SessionService/Sessions/", new JsonObject { ["UserName"] = "Administrator", ["Password"] = EmulatorFixture.Password });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Matches("^[0-9A-F]{32}$", response.Headers.GetValues("X-Auth-Token").Single());
        var location = response.Headers.Location!.ToString();
        var unix = emulator.Time.GetUtcNow().ToUnixTimeSeconds().ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Matches("^https://127\\.0\\.0\\.1/redfish/v1/SessionService/Sessions/Administrator" + unix + "[0-9a-f]{8}/$", location);
    }

    [Fact]
    public async Task Only_the_token_and_location_lines_contain_those_words()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var client = emulator.Client();
        using var response = await client.PostAsJsonAsync("/redfish/v1/SessionService/Sessions/", new JsonObject { ["UserName"] = "Administrator", ["Password"] = EmulatorFixture.Password });
        var lines = response.Headers.Concat(response.Content.Headers).Select(h => h.Key + ": " + string.Join(", ", h.Value)).ToList();
        lines.AddRange((await response.Content.ReadAsStringAsync()).Split('\n'));
        var matching = lines.Where(l => l.Contains("Token", StringComparison.Ordinal) || l.Contains("Location", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, matching.Count);
        Assert.Contains(matching, l => l.StartsWith("X-Auth-Token: ", StringComparison.Ordinal));
        Assert.Contains(matching, l => l.StartsWith("Location: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Logout_answers_200_and_the_token_stops_working()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, location) = await emulator.LoginAsync();
        using (client)
        {
            var path = new Uri(location).AbsolutePath;
            var session = await JsonAssert.GetAsync(client, path);
            Assert.True(session["Oem"]!["Hpe"]!["MySession"]!.GetValue<bool>());
            using var logout = await client.DeleteAsync(path);
            Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
            using var after = await client.GetAsync("/redfish/v1/Managers/1/");
            Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
            Assert.Equal(NoValidSessionBody, await after.Content.ReadAsStringAsync());
            Assert.Equal(0, emulator.Fleet[0].Sessions.Count);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("not a token at all")]
    public async Task Missing_or_forged_tokens_get_exactly_the_ilo_401_body(string? token)
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var client = emulator.Client();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Add("X-Auth-Token", token);
        }

        using var response = await client.GetAsync("/redfish/v1/Managers/1/");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(NoValidSessionBody, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Basic_authentication_is_accepted_and_wrong_passwords_are_not()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var client = emulator.Client();
        using var good = new HttpRequestMessage(HttpMethod.Get, "/redfish/v1/Managers/1/");
        good.Headers.Authorization = EmulatorFixture.Basic("Administrator", EmulatorFixture.Password);
        using var ok = await client.SendAsync(good);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using var bad = new HttpRequestMessage(HttpMethod.Get, "/redfish/v1/Managers/1/");
        bad.Headers.Authorization = EmulatorFixture.Basic("Administrator", "wrong");
        using var refused = await client.SendAsync(bad);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Wrong_password_is_refused_logged_and_later_failures_are_delayed()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var client = emulator.Client();
        var body = new JsonObject { ["UserName"] = "Administrator", ["Password"] = "wrong" };
        using (var first = await client.PostAsJsonAsync("/redfish/v1/SessionService/Sessions/", body))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
            var text = await first.Content.ReadAsStringAsync();
            Assert.DoesNotContain("UnauthorizedLogin", text, StringComparison.Ordinal);
        }

        Assert.Contains(emulator.Fleet[0].State.EventLog, e => e.Message.StartsWith("Login failure: Administrator", StringComparison.Ordinal));

        // The second failure in a row waits AuthFailureDelaySeconds (5 s) on the iLO's clock.
        var second = client.PostAsJsonAsync("/redfish/v1/SessionService/Sessions/", body);
        await WaitUntilAsync(() => emulator.Fleet[0].State.EventLog.Any(e => e.Message.Contains("2 failed logins", StringComparison.Ordinal)));
        Assert.False(second.IsCompleted);
        emulator.Time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(second.IsCompleted);
        emulator.Time.Advance(TimeSpan.FromSeconds(1));
        using var delayed = await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.Unauthorized, delayed.StatusCode);

        // A success resets the count: the next failure is immediate again.
        var (_, _, _) = await emulator.LoginAsync();
        using var immediate = await client.PostAsJsonAsync("/redfish/v1/SessionService/Sessions/", body);
        Assert.Equal(HttpStatusCode.Unauthorized, immediate.StatusCode);
    }

    [Fact]
    public async Task Idle_sessions_expire_after_the_session_timeout()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            var service = await JsonAssert.GetAsync(client, "/redfish/v1/SessionService");
            Assert.Equal(1800, service["SessionTimeout"]!.GetValue<int>());
            emulator.Time.Advance(TimeSpan.FromMinutes(29));
            await JsonAssert.GetAsync(client, "/redfish/v1/Managers/1");   // use refreshes the idle timer
            emulator.Time.Advance(TimeSpan.FromMinutes(29));
            await JsonAssert.GetAsync(client, "/redfish/v1/Managers/1");
            emulator.Time.Advance(TimeSpan.FromMinutes(31));
            using var expired = await client.GetAsync("/redfish/v1/Managers/1");
            Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        }
    }

    [Fact]
    public async Task Session_timeout_accepts_only_the_ilo_values()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (client, _, _) = await emulator.LoginAsync();
        using (client)
        {
            using var bad = await client.PatchAsJsonAsync("/redfish/v1/SessionService", new JsonObject { ["SessionTimeout"] = 1000 });
            Assert.Equal("Base.1.12.PropertyValueNotInList", await JsonAssert.ErrorAsync(bad, HttpStatusCode.BadRequest));
            using var good = await client.PatchAsJsonAsync("/redfish/v1/SessionService", new JsonObject { ["SessionTimeout"] = 900 });
            Assert.Equal(HttpStatusCode.OK, good.StatusCode);
            Assert.Equal(900, emulator.Fleet[0].Configuration.Security.SessionTimeoutSeconds);
            emulator.Time.Advance(TimeSpan.FromMinutes(16));
            using var expired = await client.GetAsync("/redfish/v1/Managers/1");
            Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        }
    }

    [Fact]
    public async Task Login_body_must_name_user_and_password()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        using var client = emulator.Client();
        using var missing = await client.PostAsJsonAsync("/redfish/v1/SessionService/Sessions/", new JsonObject { ["UserName"] = "Administrator" });
        Assert.Equal("Base.1.12.PropertyMissing", await JsonAssert.ErrorAsync(missing, HttpStatusCode.BadRequest));
        using var wrongType = await client.PostAsJsonAsync("/redfish/v1/SessionService/Sessions/", new JsonObject { ["UserName"] = 5, ["Password"] = "x" });
        Assert.Equal("Base.1.12.PropertyValueTypeError", await JsonAssert.ErrorAsync(wrongType, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Sessions_collection_lists_live_sessions()
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var (first, _, location) = await emulator.LoginAsync();
        var (second, _, _) = await emulator.LoginAsync();
        using (first)
        using (second)
        {
            var sessions = await JsonAssert.GetAsync(first, "/redfish/v1/SessionService/Sessions");
            Assert.Equal(2, sessions["Members@odata.count"]!.GetValue<int>());
            Assert.Equal(new Uri(location).AbsolutePath.TrimEnd('/'), sessions["Oem"]!["Hpe"]!["Links"]!["MySession"]!["@odata.id"]!.GetValue<string>());
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Yield();
            timeout.Token.ThrowIfCancellationRequested();
        }
    }
}
