using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using IloBackup.Emulator.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace IloBackup.Emulator.Tests;

/// <summary>A small in-process fleet on a fake clock, and helpers to talk to it.</summary>
internal sealed class EmulatorFixture : IAsyncDisposable
{
    public const string Password = "Passw0rd!";

    private EmulatorFixture(EmulatorFleet fleet, FakeTimeProvider time)
    {
        Fleet = fleet;
        Time = time;
    }

    public EmulatorFleet Fleet { get; }

    public FakeTimeProvider Time { get; }

    public static async Task<EmulatorFixture> StartAsync(int count = 1, string? stateDirectory = null, bool listen = false, Func<EmulatorOptions, EmulatorOptions>? configure = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var options = new EmulatorOptions
        {
            Count = count,
            AdminPassword = Password,
            StateDirectory = stateDirectory,
            Listen = listen,
            TimeProvider = time,
            ResetDuration = TimeSpan.FromSeconds(30),
        };
        options = configure?.Invoke(options) ?? options;
        return new EmulatorFixture(await EmulatorFleet.StartAsync(options), time);
    }

    public HttpClient Client(int index = 0) => Fleet.CreateClient(index);

    /// <summary>Logs in and returns a client carrying the token.</summary>
    public async Task<(HttpClient Client, string Token, string Location)> LoginAsync(int index = 0, string? user = null, string password = Password)
    {
        var client = Client(index);
        using var response = await client.PostAsJsonAsync("/redfish/v1/SessionService/Sessions/", new JsonObject
        {
            ["UserName"] = user ?? Fleet.AdminUser,
            ["Password"] = password,
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var token = response.Headers.GetValues("X-Auth-Token").Single();
        client.DefaultRequestHeaders.Add("X-Auth-Token", token);
        return (client, token, response.Headers.Location!.ToString());
    }

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));

    public ValueTask DisposeAsync() => Fleet.DisposeAsync();
}
