using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IloBackup.Emulator.Faults;

namespace IloBackup.Emulator.Tests.Faults;

public sealed class FaultTests
{
    private static readonly FaultProfile Profile = FaultProfile.Parse("""
        {"seed": 7, "resetSeconds": 5,
         "faults": [{"kind": "hang", "share": 0.1}, {"kind": "login-refused", "share": 0.1},
                    {"kind": "unavailable", "ilos": [0], "rate": 0.5, "times": 0, "value": 2}]}
        """);

    [Fact]
    public void Shares_are_disjoint_seeded_slices_of_the_fleet_and_repeat_exactly()
    {
        var first = Profile.Assign(50);
        var again = Profile.Assign(50);
        var hang = Enumerable.Range(0, 50).Where(k => first[k].Any(f => f.Kind == FaultKind.Hang)).ToArray();
        var refused = Enumerable.Range(0, 50).Where(k => first[k].Any(f => f.Kind == FaultKind.LoginRefused)).ToArray();
        Assert.Equal(5, hang.Length);
        Assert.Equal(5, refused.Length);
        Assert.Empty(hang.Intersect(refused));
        Assert.Contains(first[0], f => f.Kind == FaultKind.Unavailable);
        Assert.Equal(first.Select(l => l.Count), again.Select(l => l.Count));
        Assert.NotEqual(hang, Enumerable.Range(0, 50).Where(k => (Profile with { Seed = 8 }).Assign(50)[k].Any(f => f.Kind == FaultKind.Hang)));
        Assert.Equal(5, Profile.ResetSeconds);
    }

    [Theory]
    [InlineData("""{"faults": [{"kind": "meltdown"}]}""", "unknown fault")]
    [InlineData("""{"faults": [{"kind": "hang", "share": 2}]}""", "share")]
    [InlineData("""{"faults": [{"kind": "hang", "colour": 1}]}""", "unknown fault key")]
    [InlineData("""{"sead": 1}""", "unknown profile key")]
    [InlineData("""{"faults": [{"kind": "hang", "rate": -1}]}""", "at least 0")]
    [InlineData("[1]", "JSON object")]
    public void Bad_profiles_are_refused_clearly(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => FaultProfile.Parse(json));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Command_line_form_is_kind_and_share()
    {
        var spec = FaultSpec.ParseOption("truncated-backup:0.05");
        Assert.Equal((FaultKind.TruncatedBackup, 0.05), (spec.Kind, spec.Share!.Value));
        Assert.Equal(1, FaultSpec.ParseOption("login-answer-lost").EffectiveTimes);
        Assert.Throws<FormatException>(() => FaultSpec.ParseOption("hang:lots"));
    }

    [Fact]
    public async Task Unavailable_answers_503_with_Retry_After_from_the_base_registry_as_often_as_told()
    {
        await using var emulator = await EmulatorFixture.StartAsync(configure: o => o with
        {
            Faults = new FaultProfile { Faults = [new FaultSpec { Kind = FaultKind.Unavailable, Times = 2, Value = 4 }] },
        });
        using var client = emulator.Client();
        for (var i = 0; i < 2; i++)
        {
            using var busy = await client.GetAsync("/redfish/v1/");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
            Assert.Equal("4", busy.Headers.GetValues("Retry-After").Single());
            Assert.Contains("ServiceTemporarilyUnavailable", await busy.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var fine = await client.GetAsync("/redfish/v1/");
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
        Assert.Equal(2, IloFaults.Of(emulator.Fleet[0]).TotalHits);
    }

    [Fact]
    public async Task A_lost_login_answer_leaves_a_session_the_client_never_heard_of()
    {
        await using var emulator = await EmulatorFixture.StartAsync(configure: o => o with
        {
            Faults = new FaultProfile { Faults = [new FaultSpec { Kind = FaultKind.LoginAnswerLost }] },
        });
        using var client = emulator.Client();
        await Assert.ThrowsAnyAsync<Exception>(() => client.PostAsJsonAsync("/redfish/v1/SessionService/Sessions/",
            new JsonObject { ["UserName"] = emulator.Fleet.AdminUser, ["Password"] = EmulatorFixture.Password }));
        Assert.Equal(1, emulator.Fleet[0].Sessions.Count);

        var (_, _, _) = await emulator.LoginAsync(); // the fault happens once by default
        Assert.Equal(2, emulator.Fleet[0].Sessions.Count);
    }

    [Fact]
    public async Task Session_limit_and_refused_logins_answer_as_an_ilo_does()
    {
        await using var emulator = await EmulatorFixture.StartAsync(count: 2, configure: o => o with
        {
            Faults = new FaultProfile
            {
                Faults = [new FaultSpec { Kind = FaultKind.SessionLimit, Ilos = [0] }, new FaultSpec { Kind = FaultKind.LoginRefused, Ilos = [1] }],
            },
        });
        var login = new JsonObject { ["UserName"] = emulator.Fleet.AdminUser, ["Password"] = EmulatorFixture.Password };
        using var full = await emulator.Client(0).PostAsJsonAsync("/redfish/v1/SessionService/Sessions/", login);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, full.StatusCode);
        Assert.Contains("SessionLimitExceeded", await full.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var refused = await emulator.Client(1).PostAsJsonAsync("/redfish/v1/SessionService/Sessions/", login);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(0, emulator.Fleet[0].Sessions.Count + emulator.Fleet[1].Sessions.Count);
    }

    [Fact]
    public async Task A_self_reset_drops_the_request_ends_sessions_and_comes_back()
    {
        await using var emulator = await EmulatorFixture.StartAsync(configure: o => o with
        {
            Faults = new FaultProfile { Faults = [new FaultSpec { Kind = FaultKind.SelfReset, Value = 3 }] },
        });
        await Assert.ThrowsAnyAsync<Exception>(() => emulator.Client().GetAsync("/redfish/v1/"));
        Assert.False(emulator.Fleet[0].IsReachable);
        emulator.Time.Advance(TimeSpan.FromSeconds(3));
        Assert.True(emulator.Fleet[0].IsReachable);
        using var back = await emulator.Client().GetAsync("/redfish/v1/");
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
    }

    [Fact]
    public async Task Control_endpoint_sets_lists_and_heals_faults()
    {
        await using var emulator = await EmulatorFixture.StartAsync(count: 2);
        using var control = new HttpClient(emulator.Fleet.CreateControlHandler()) { BaseAddress = new Uri("http://control/") };
        using (var set = await control.PostAsync("ilos/1/faults", new StringContent(
            """{"seed": 3, "faults": [{"kind": "login-refused"}, {"kind": "truncated-backup"}]}""")))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        var listed = JsonNode.Parse(await control.GetStringAsync("ilos/1/faults"))!;
        Assert.Equal(["login-refused", "truncated-backup"], listed["faults"]!.AsArray().Select(f => f!["kind"]!.GetValue<string>()));
        using (var bad = await control.PostAsync("ilos/1/faults", new StringContent("""{"faults": [{"kind": "nope"}]}""")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        using var refused = await emulator.Client(1).PostAsJsonAsync("/redfish/v1/SessionService/Sessions/",
            new JsonObject { ["UserName"] = emulator.Fleet.AdminUser, ["Password"] = EmulatorFixture.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using (var heal = await control.PostAsync("ilos/1/faults", new StringContent("""{"faults": []}""")))
        {
            Assert.Equal(HttpStatusCode.OK, heal.StatusCode);
        }

        Assert.False(IloFaults.Of(emulator.Fleet[1]).Any);
        await emulator.LoginAsync(1);
    }

    [Fact]
    public async Task Control_endpoint_refuses_a_body_with_a_duplicate_key_with_400()
    {
        // Found by the profile fuzzing: a duplicate key made JsonNode throw an ArgumentException (a 500) here.
        await using var emulator = await EmulatorFixture.StartAsync();
        using var control = new HttpClient(emulator.Fleet.CreateControlHandler()) { BaseAddress = new Uri("http://control/") };
        using var bad = await control.PostAsync("ilos/0/faults", new StringContent("""{"faults": [], "faults": [{"kind": "hang"}]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Empty(IloFaults.Of(emulator.Fleet[0]).Specs);
    }
}
