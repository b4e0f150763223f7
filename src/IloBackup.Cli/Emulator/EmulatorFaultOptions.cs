using System.CommandLine;
using IloBackup.Emulator.Faults;

namespace IloBackup.Cli.Emulator;

/// <summary>
/// Turns <c>--profile FILE</c>, <c>--fault KIND[:share]</c> and <c>--fault-seed</c> into the
/// emulator's fault profile. The profile's latency, backup and reset times replace the defaults;
/// an option given on the command line wins over the profile.
/// </summary>
internal static class EmulatorFaultOptions
{
    public static EmulatorSettings Apply(
        ParseResult parse, Option<string[]> faults, Option<string?> profileFile, Option<int?> seed,
        Option<int> latency, Option<double> backupSeconds, Option<double> resetSeconds, EmulatorSettings settings)
    {
        var profile = Load(parse.GetValue(profileFile));
        var extra = new List<FaultSpec>();
        foreach (var text in parse.GetValue(faults) ?? [])
        {
            try
            {
                extra.Add(FaultSpec.ParseOption(text));
            }
            catch (FormatException ex)
            {
                throw new CliUsageException($"--fault {text}: {ex.Message}", ex);
            }
        }

        if (profile is null && extra.Count == 0 && parse.GetValue(seed) is null)
        {
            return settings;
        }

        profile ??= new FaultProfile();
        profile = profile with
        {
            Faults = [.. profile.Faults, .. extra],
            Seed = parse.GetValue(seed) ?? profile.Seed,
        };
        if (profile.LatencyMs is { } ms && !Given(parse, latency))
        {
            settings = settings with { LatencyMs = (int)ms };
        }

        if (profile.ResetSeconds is { } reset && !Given(parse, resetSeconds))
        {
            settings = settings with { ResetSeconds = reset };
        }

        if (profile.BackupSeconds is { } backup && !Given(parse, backupSeconds))
        {
            settings = settings with { BackupRestore = settings.BackupRestore with { BackupDuration = EmulatorCommand.Seconds(backup, "backupSeconds") } };
        }

        return settings with { Faults = profile };
    }

    private static FaultProfile? Load(string? path)
    {
        if (path is null)
        {
            return null;
        }

        try
        {
            return FaultProfile.Load(path);
        }
        catch (FormatException ex)
        {
            throw new CliUsageException($"{path}: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new CliUsageException($"{path}: {ex.Message}", ex);
        }
    }

    private static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };
}
