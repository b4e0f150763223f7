using IloBackup.Emulator.Ilo;

namespace IloBackup.Emulator.Hosting;

/// <summary>Refuses options a fleet cannot start with, before anything is loaded or bound.</summary>
internal static class EmulatorOptionsValidation
{
    public static void Validate(EmulatorOptions options)
    {
        if (options.Count is < 1 or > 5000)
        {
            throw new ArgumentException("count must be 1..5000", nameof(options));
        }

        if (!IloGenerations.IsSupported(options.Generation))
        {
            throw new ArgumentException("generation must be 5, 6 or 7", nameof(options));
        }

        if (options.Firmware is not null && !IloGenerations.IsFirmwareForm(options.Generation, options.Firmware))
        {
            throw new ArgumentException($"firmware of iLO {options.Generation} must look like {IloGenerations.FirmwareForm(options.Generation)}, not '{options.Firmware}'", nameof(options));
        }

        if (options.FirstPort < 0 || (options.FirstPort > 0 && options.FirstPort + options.Count - 1 > 65535))
        {
            throw new ArgumentException("ports out of range", nameof(options));
        }

        if (options.ControlPort is < 0 or > 65535)
        {
            throw new ArgumentException("control port out of range", nameof(options));
        }

        if (string.IsNullOrWhiteSpace(options.AdminUser) || options.AdminUser.Length > 39)
        {
            throw new ArgumentException("admin user must be 1..39 characters", nameof(options));
        }

        if (options.AdminPassword is { Length: 0 or > 39 })
        {
            throw new ArgumentException("admin password must be 1..39 characters", nameof(options));
        }

        if (options.Latency < TimeSpan.Zero || options.ResetDuration < TimeSpan.Zero)
        {
            throw new ArgumentException("latency and reset duration cannot be negative", nameof(options));
        }
    }
}
