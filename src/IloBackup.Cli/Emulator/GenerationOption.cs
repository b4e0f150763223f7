using System.CommandLine;
using System.Globalization;

namespace IloBackup.Cli.Emulator;

/// <summary><c>--generation N</c> of the emulated iLOs (emulator, demo): 5, 6 or 7, else a plain usage error.</summary>
internal static class GenerationOption
{
    public static Option<int> Create(string description)
    {
        var option = new Option<int>("--generation") { Description = description, DefaultValueFactory = _ => 5, HelpName = "N" };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (!IloBackup.Emulator.Ilo.IloGenerations.IsSupported(value))
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture,
                    $"--generation {value}: the emulator has iLO 5, iLO 6 and iLO 7 only; give 5, 6 or 7"));
            }
        });
        return option;
    }
}
