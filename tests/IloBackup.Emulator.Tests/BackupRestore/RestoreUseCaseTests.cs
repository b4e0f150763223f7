using IloBackup.Emulator.Ilo;

namespace IloBackup.Emulator.Tests.BackupRestore;

/// <summary>
/// Each use case of the seed (../shared/seed/ilo-backup-and-restore.md): configure, back up, break it
/// with the scenario control, restore, and check that the configuration is back and that what is
/// never restored (security state, IEL, IML, power, UID, clock) is as it was just before the restore.
/// </summary>
public sealed class RestoreUseCaseTests
{
    public static TheoryData<string> UseCases => new() { "battery failure", "factory reset", "accidental change", "system board replacement", "lost license" };

    [Theory]
    [MemberData(nameof(UseCases))]
    public async Task Restore_repairs_the_use_case_and_leaves_the_state_alone(string useCase)
    {
        await using var emulator = await EmulatorFixture.StartAsync();
        var ilo = emulator.Fleet[0];
        var saved = BackupRestoreKit.Json(BackupRestoreKit.Configure(ilo, "saved"));
        var (client, _, _) = await emulator.LoginAsync();
        var (location, file) = await BackupRestoreKit.BackupAsync(client);
        var boardBefore = ilo.Identity.BoardSerial;

        Break(ilo, useCase);
        Assert.NotEqual(saved, BackupRestoreKit.Json(ilo.Configuration));
        ilo.AppendEventLog("event between backup and restore");
        ilo.AppendIml("IML event between backup and restore");
        ilo.SetPowerState("Off");
        ilo.SetIndicatorLed("Lit");
        ilo.SetSecurityState(IloSecurityState.HighSecurity);
        emulator.Time.Advance(TimeSpan.FromMinutes(10));
        var stateBefore = ilo.State;

        var (restorer, token, _) = await emulator.LoginAsync();
        using var response = await restorer.SendAsync(BackupRestoreKit.RestoreRequest(file, token, fileName: location[10..]));
        await JsonAssert.ReadAsync(response);
        BackupRestoreKit.WaitForReset(emulator, ilo);

        Assert.Equal(saved, BackupRestoreKit.Json(ilo.Configuration));
        var state = ilo.State;
        Assert.Equal(stateBefore.SecurityState, state.SecurityState);
        Assert.Equal("Off", state.PowerState);
        Assert.Equal("Lit", state.IndicatorLed);
        Assert.Equal(stateBefore.ClockOffset, state.ClockOffset);
        Assert.Equal(stateBefore.AhsStarted, state.AhsStarted);
        Assert.Equal(stateBefore.Iml, state.Iml);
        Assert.Equal(stateBefore.EventLog, state.EventLog.Take(stateBefore.EventLog.Count));
        Assert.Contains(state.EventLog, e => e.Message == "event between backup and restore");
        Assert.Contains(state.EventLog.Skip(stateBefore.EventLog.Count), e => e.Message.Contains(location[10..], StringComparison.Ordinal));
        if (useCase == "system board replacement")
        {
            Assert.NotEqual(boardBefore, ilo.Identity.BoardSerial);
        }

        var (after, _, _) = await emulator.LoginAsync(user: "ops-saved", password: "ops-password-saved");
        after.Dispose();
    }

    private static void Break(VirtualIlo ilo, string useCase)
    {
        switch (useCase)
        {
            case "battery failure":
                ilo.SimulateBatteryFailure(TimeSpan.Zero);
                break;
            case "factory reset":
                ilo.ResetToFactoryDefaults(TimeSpan.Zero);
                break;
            case "accidental change":
                ilo.UpdateConfiguration(c => c with
                {
                    Users = c.Users with { Accounts = [.. c.Users.Accounts.Where(a => !a.UserName.StartsWith("ops-", StringComparison.Ordinal))] },
                    Network = c.Network with { HostName = "wrong-name", DhcpEnabled = true },
                });
                break;
            case "system board replacement":
                ilo.ReplaceSystemBoard(TimeSpan.Zero);
                break;
            default:
                ilo.LoseLicense();
                break;
        }
    }
}
