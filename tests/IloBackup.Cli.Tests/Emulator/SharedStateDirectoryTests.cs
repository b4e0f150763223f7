using IloBackup.Cli.Tests.Crash;
using IloBackup.Emulator.Hosting;
using IloBackup.TestSupport;

namespace IloBackup.Cli.Tests.Emulator;

/// <summary>
/// Issue 15, safety 7: a second <c>ilobackup emulator</c> on the state directory of a running one is
/// refused, naming the PID that holds it; the lock is the OS's, so it dies with the process: after a
/// SIGKILL of the first, the directory is usable again.
/// </summary>
public sealed class SharedStateDirectoryTests
{
    private const string Password = "shared-state-password";

    [Fact]
    [Trait("Category", "Crash")]
    public async Task A_second_emulator_process_is_refused_and_a_killed_holder_frees_the_directory()
    {
        var work = Directory.CreateTempSubdirectory("ilobackup-shared-state-").FullName;
        var state = Path.Combine(work, "state");
        try
        {
            using var first = ChildCli.Start(null, Arguments(state));
            await Polling.UntilAsync(() => first.HasExited || first.Output.Contains("ready:", StringComparison.Ordinal), "the first emulator ready", 90_000);
            Assert.False(first.HasExited, first.Output);
            var secret = await File.ReadAllTextAsync(Path.Combine(state, "control-secret"));

            using (var second = ChildCli.Start(null, Arguments(state)))
            {
                var code = await second.WaitForExitAsync(TimeSpan.FromSeconds(60));
                Assert.True(code == ExitCodes.Failed, $"exit {code}: {second.Output}");
                Assert.Contains($"in use by another emulator (PID {first.Id}", second.Output, StringComparison.Ordinal);
                Assert.DoesNotContain("ready:", second.Output, StringComparison.Ordinal);
            }

            Assert.Equal(secret, await File.ReadAllTextAsync(Path.Combine(state, "control-secret")));
            first.KillHard();
            await first.WaitForExitAsync(TimeSpan.FromSeconds(30));

            await using var third = await EmulatorFleet.StartAsync(new EmulatorOptions
            {
                Count = 1, FirstPort = 0, UseHttps = false, AdminPassword = Password, StateDirectory = state,
            });
            Assert.Single(third.Ilos);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string[] Arguments(string state) =>
        ["emulator", "--port", "0", "--http", "--state-dir", state, "--admin-password", Password, "--reset-seconds", "0"];
}
