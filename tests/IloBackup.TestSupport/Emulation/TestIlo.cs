using System.Security.Cryptography.X509Certificates;
using IloBackup.Emulator.Accounts;
using IloBackup.Emulator.Hosting;
using IloBackup.Emulator.Security;

namespace IloBackup.TestSupport.Emulation;

/// <summary>
/// One emulated iLO for client, engine and CLI tests: the real emulator, with a known administrator
/// (<see cref="AdminUser"/>) and an operator account, in process or on a 127.0.0.1 socket, with a
/// certificate of the test's own when TLS matters. Misbehaviours come from its faults and
/// <see cref="EmulatorFleet.Overrides"/> (see IloBackup.Emulator.Testing's OverrideKit).
/// </summary>
public static class TestIlo
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "s3cret-Adm1n";
    public const string OperatorUser = "operator";
    public const string OperatorPassword = "0perator-pw";

    /// <summary>In process only (no socket): use <c>fleet.CreateHandler(0)</c> and <c>fleet[0].BaseUrl</c>.</summary>
    public static Task<EmulatorFleet> StartInProcessAsync(Func<EmulatorOptions, EmulatorOptions>? configure = null) =>
        StartAsync(listen: false, https: true, null, configure);

    /// <summary>On a free 127.0.0.1 port: HTTPS with <paramref name="certificate"/>, or plain HTTP without one.</summary>
    public static Task<EmulatorFleet> StartKestrelAsync(X509Certificate2? certificate, Func<EmulatorOptions, EmulatorOptions>? configure = null) =>
        StartAsync(listen: true, https: certificate is not null, certificate, configure);

    /// <summary>A reset of 700 ms, 100 ms after a restore's answer (real time: the client waits for it by polling).</summary>
    public static EmulatorOptions WithShortReset(this EmulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options with
        {
            ResetDuration = TimeSpan.FromMilliseconds(700),
            BackupRestore = options.BackupRestore with { RestoreResetDelay = TimeSpan.FromMilliseconds(100) },
        };
    }

    /// <summary>iLO 0's base URL (<c>https://127.0.0.1:PORT/</c>).</summary>
    public static Uri BaseAddress(this EmulatorFleet fleet)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        return fleet[0].BaseUrl;
    }

    private static async Task<EmulatorFleet> StartAsync(bool listen, bool https, X509Certificate2? certificate, Func<EmulatorOptions, EmulatorOptions>? configure)
    {
        var options = new EmulatorOptions { Count = 1, AdminUser = AdminUser, AdminPassword = AdminPassword, Listen = listen, UseHttps = https };
        var fleet = await EmulatorFleet.StartAsync(configure?.Invoke(options) ?? options);
        new AccountsModel(fleet[0]).Create(OperatorUser, null, OperatorPassword, IloRoles.PrivilegesOf("Operator")!.Value, "test setup");
        if (certificate is not null)
        {
            fleet[0].ImportCertificate(certificate);
        }

        return fleet;
    }
}
