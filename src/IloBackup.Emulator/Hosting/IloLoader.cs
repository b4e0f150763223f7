using System.Security.Cryptography;
using System.Text;
using IloBackup.Emulator.Certificates;
using IloBackup.Emulator.Configuration;
using IloBackup.Emulator.Ilo;
using IloBackup.Emulator.Persistence;

namespace IloBackup.Emulator.Hosting;

/// <summary>
/// Boots each iLO from its state folder (or makes a new one): identity, SRAM, state,
/// certificate. Starting again is an iLO reboot that keeps its configuration.
/// </summary>
internal static class IloLoader
{
    private const string PasswordFileName = "admin-password";

    /// <summary>The fleet's administrator password: given, kept from an earlier run, or new (and then kept).</summary>
    public static (string Password, bool Generated, string? File) ResolveAdminPassword(EmulatorOptions options)
    {
        var file = options.StateDirectory is null ? null : Path.Combine(options.StateDirectory, PasswordFileName);
        if (options.AdminPassword is { } given)
        {
            if (file is not null)
            {
                AtomicFile.Write(file, Encoding.UTF8.GetBytes(given));
            }

            return (given, false, file);
        }

        if (file is not null && File.Exists(file))
        {
            return (File.ReadAllText(file).Trim(), false, file);
        }

        var generated = RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", 16);
        if (file is not null)
        {
            AtomicFile.Write(file, Encoding.UTF8.GetBytes(generated));
        }

        return (generated, true, file);
    }

    /// <summary>Loads or creates iLO <paramref name="index"/>; returns whether it booted with its configuration lost.</summary>
    public static (VirtualIlo Ilo, bool ConfigurationLost) Load(int index, EmulatorOptions options, IloHostSettings host)
    {
        var store = options.StateDirectory is null ? null : new IloStateStore(Path.Combine(options.StateDirectory, $"ilo-{index}"));
        var now = host.Time.GetUtcNow();
        var firmware = options.Firmware ?? EmulatorOptions.DefaultFirmware(options.Generation);
        var identity = store?.LoadIdentity();
        var known = identity is not null;
        identity ??= IdentityFactory.Create(index, options.Generation, firmware, host.AdminPassword);
        var changed = !known;
        if (identity.Generation != options.Generation)
        {
            identity = identity with { Generation = options.Generation, FirmwareVersion = firmware };
            changed = true;
        }
        else if (options.Firmware is not null && identity.FirmwareVersion != options.Firmware)
        {
            identity = identity with { FirmwareVersion = options.Firmware };
            changed = true;
        }

        var previousToeTag = identity.ToeTagPassword;
        if (previousToeTag != host.AdminPassword)
        {
            identity = identity with { ToeTagPassword = host.AdminPassword };
            changed = true;
        }

        if (changed)
        {
            store?.SaveIdentity(identity);
        }

        var configuration = store?.LoadConfiguration();
        var lost = known && configuration is null;
        if (configuration is null)
        {
            configuration = FactoryDefaults.Create(identity.DefaultHostName, host.AdminUser, host.AdminPassword);
            store?.SaveConfiguration(configuration);
        }
        else if (previousToeTag != host.AdminPassword)
        {
            // A new --admin-password is the operator telling us the administrator's password: apply it (docs/emulator.md).
            configuration = WithAdministrator(configuration, host.AdminUser, host.AdminPassword);
            store?.SaveConfiguration(configuration);
        }

        var state = store?.LoadState();
        if (state is null)
        {
            state = new IloRuntimeState { AhsStarted = now, SecurityState = IloGenerations.DefaultSecurityState(identity.Generation) };
            store?.SaveState(state);
        }

        var certificate = IloCertificate.LoadOrCreate(store?.Directory, identity.DefaultHostName, now);
        var ilo = new VirtualIlo(index, identity, configuration, state, certificate, store, host);
        return (ilo, lost);
    }

    private static IloConfiguration WithAdministrator(IloConfiguration configuration, string user, string password)
    {
        var accounts = configuration.Users.Accounts.ToList();
        var existing = accounts.FindIndex(a => a.UserName == user);
        if (existing >= 0)
        {
            accounts[existing] = accounts[existing] with { Password = password, Privileges = accounts[existing].Privileges | Security.IloRoles.Administrator };
        }
        else
        {
            accounts.Add(new UserAccount
            {
                Id = configuration.Users.NextAccountId(),
                UserName = user,
                LoginName = user,
                Password = password,
                Privileges = Security.IloRoles.Administrator,
            });
        }

        return configuration with { Users = configuration.Users with { Accounts = accounts } };
    }
}
