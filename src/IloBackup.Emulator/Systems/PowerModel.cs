using IloBackup.Emulator.Configuration;
using IloBackup.Emulator.Ilo;

namespace IloBackup.Emulator.Systems;

/// <summary>
/// The server's power, indicator LED and power settings, and what a reset type does in each
/// power state (refused when it cannot apply). Each change with its log entry is one <see cref="VirtualIlo.Change"/>.
/// </summary>
public sealed class PowerModel(VirtualIlo ilo)
{
    public void SetPowerState(string powerState) => ilo.Change(c => SetPower(c, powerState));

    public void SetIndicatorLed(string indicatorLed) => ilo.Change(c => c.State = c.State with { IndicatorLed = indicatorLed });

    /// <summary>The system's PATCH: power settings and LED together, or nothing.</summary>
    public void Change(Func<PowerSettings, PowerSettings>? settings, string? indicatorLed) => ilo.Change(c =>
    {
        if (settings is not null)
        {
            c.Configuration = c.Configuration with { Power = settings(c.Configuration.Power) };
            c.Log("Server power settings changed.");
        }

        if (indicatorLed is not null)
        {
            c.State = c.State with { IndicatorLed = indicatorLed };
        }
    });

    /// <summary><c>ComputerSystem.Reset</c> with a valid reset type.</summary>
    public void Reset(string resetType) => ilo.Change(c =>
    {
        var on = c.State.PowerState == "On";
        switch (resetType)
        {
            case "On" when !on:
                SetPower(c, "On");
                break;
            case "ForceOff" or "GracefulShutdown" when on:
                SetPower(c, "Off");
                break;
            case "PushPowerButton":
                SetPower(c, on ? "Off" : "On");
                break;
            case "ForceRestart" or "GracefulRestart" when on:
                c.LogIml("Server reset.");
                break;
            case "Nmi" when on:
                c.LogIml("NMI button pressed.", "Critical");
                break;
            default:
                throw new IloRefusedException(IloRefusal.PowerAlreadyInState, on ? "on" : "off");
        }
    });

    private static void SetPower(IloChange c, string powerState)
    {
        c.State = c.State with { PowerState = powerState };
        c.LogIml($"Server power {(powerState == "On" ? "restored" : "removed")}.");
    }
}
