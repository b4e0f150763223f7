using System.Globalization;

namespace IloBackup.Cli.Connection;

/// <summary>Durations on the command line: <c>90s</c>, <c>10m</c>, <c>1h</c>, <c>500ms</c>, or plain seconds.</summary>
internal static class DurationText
{
    public static TimeSpan Parse(string text, string option)
    {
        var value = text.Trim();
        (string Suffix, Func<double, TimeSpan> Make)[] units =
        [
            ("ms", TimeSpan.FromMilliseconds), ("s", TimeSpan.FromSeconds), ("m", TimeSpan.FromMinutes), ("h", TimeSpan.FromHours),
        ];
        foreach (var (suffix, make) in units)
        {
            if (value.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(value[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount > 0)
            {
                return make(amount);
            }
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : throw new CliUsageException($"{option}: '{text}' is not a duration (e.g. 90s, 10m, 1h)");
    }
}
