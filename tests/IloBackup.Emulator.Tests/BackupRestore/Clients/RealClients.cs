using IloBackup.Emulator.Configuration;
using IloBackup.Emulator.Hosting;
using IloBackup.Emulator.Security;

namespace IloBackup.Emulator.Tests.BackupRestore.Clients;

/// <summary>
/// An emulated iLO on a real HTTPS socket for the real clients, with the seed's credentials
/// (<c>ilo-user</c> / <c>password</c>) as an administrator account. It listens on 443 when it can
/// (HPE's Python library and iLOrest mangle the logout URL on any other port, §2), else on a free port.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealClients
{
    public const string Name = "real clients";
    public const string User = "ilo-user";
    public const string Password = "password";

    /// <summary>The backup file name the seed's restore scripts use.</summary>
    public const string SeedBackupFile = "HPE_MXQ78407Z2_20230220_1813.bak";

    /// <summary>
    /// A real client is a process on the real clock: so is this emulator (a fake clock would never let
    /// the reset after a restore come, and the client, told 503 with Retry-After meanwhile, would wait
    /// for ever). The reset is short so the client's wait is.
    /// </summary>
    internal static async Task<EmulatorFixture> StartAsync(Func<EmulatorOptions, EmulatorOptions>? configure = null)
    {
        EmulatorOptions RealTime(EmulatorOptions o) =>
            (configure?.Invoke(o) ?? o) with { TimeProvider = TimeProvider.System, ResetDuration = TimeSpan.FromSeconds(1) };
        EmulatorFixture emulator;
        try
        {
            emulator = await EmulatorFixture.StartAsync(listen: true, configure: o => RealTime(o) with { FirstPort = 443 });
        }
        catch (IOException)
        {
            emulator = await EmulatorFixture.StartAsync(listen: true, configure: RealTime);
        }

        BackupRestoreKit.AddAccount(emulator.Fleet[0], User, IloRoles.Administrator);
        emulator.Fleet[0].UpdateConfiguration(c => c with
        {
            Users = c.Users with { Accounts = [.. c.Users.Accounts.Select(a => a.UserName == User ? a with { Password = Password } : a)] },
        });
        return emulator;
    }

    /// <summary><c>127.0.0.1</c> on 443, else <c>127.0.0.1:port</c>: what the seed calls the iLO's host.</summary>
    internal static string Host(EmulatorFixture emulator) =>
        emulator.Fleet[0].Port == 443 ? "127.0.0.1" : "127.0.0.1:" + emulator.Fleet[0].Port;

    internal static bool OnStandardPort(EmulatorFixture emulator) => emulator.Fleet[0].Port == 443;

    internal static string SavedConfiguration(EmulatorFleet fleet) => BackupRestoreKit.Json(BackupRestoreKit.Configure(fleet[0], "saved"));

    internal static DirectoryInfo WorkingDirectory() => Directory.CreateTempSubdirectory("ilobackup-client-");

    internal static IloConfiguration Current(EmulatorFixture emulator) => emulator.Fleet[0].Configuration;
}
