using IloBackup.Emulator.Hosting;
using IloBackup.Emulator.Persistence;

namespace IloBackup.Emulator.Tests.StateLock;

/// <summary>
/// Issue 15, safety 7: two emulators never share a state directory. The second is refused before it
/// reads or writes anything there (the first one's control secret stays), naming the PID that holds it;
/// once the first stops, the directory is usable again.
/// </summary>
public sealed class StateDirectoryLockTests
{
    [Fact]
    public async Task A_second_emulator_on_the_same_state_directory_is_refused_naming_the_holder()
    {
        using var state = new TempDirectory();
        var first = await StartAsync(state.Path);
        var secret = await File.ReadAllTextAsync(Path.Combine(state.Path, "control-secret"));

        var refused = await Assert.ThrowsAsync<StateDirectoryInUseException>(() => StartAsync(state.Path));

        // The lock leaves every file readable (a tool that reads the whole folder must not trip on it).
        Assert.All(Directory.GetFiles(state.Path, "*", SearchOption.AllDirectories), f => File.ReadAllBytes(f));

        Assert.Equal(Environment.ProcessId, refused.Pid);
        Assert.Contains($"PID {Environment.ProcessId}", refused.Message, StringComparison.Ordinal);
        Assert.Contains(Path.GetFullPath(state.Path), refused.Message, StringComparison.Ordinal);
        Assert.Equal(secret, await File.ReadAllTextAsync(Path.Combine(state.Path, "control-secret")));
        using (var client = new HttpClient(new SocketsHttpHandler()) { BaseAddress = first.Ilos[0].BaseUrl })
        {
            using var root = await client.GetAsync(new Uri("/redfish/v1/", UriKind.Relative));
            Assert.True(root.IsSuccessStatusCode); // the first one still serves
        }

        await first.DisposeAsync();
        await using var second = await StartAsync(state.Path);
        Assert.Equal(first.Ilos[0].Identity.ServerSerial, second.Ilos[0].Identity.ServerSerial); // the same iLOs, from the same folder
    }

    [Fact]
    public async Task Fleets_with_their_own_state_directories_run_side_by_side()
    {
        using var one = new TempDirectory();
        using var two = new TempDirectory();
        await using var first = await StartAsync(one.Path);
        await using var second = await StartAsync(two.Path);
        Assert.NotEqual(first.Ilos[0].BaseUrl, second.Ilos[0].BaseUrl);
    }

    private static Task<EmulatorFleet> StartAsync(string stateDirectory) =>
        EmulatorFleet.StartAsync(new EmulatorOptions
        {
            Count = 1,
            FirstPort = 0,
            UseHttps = false,
            AdminPassword = EmulatorFixture.Password,
            StateDirectory = stateDirectory,
        });
}
