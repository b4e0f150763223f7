using System.Globalization;

namespace IloBackup.Cli.Fleet;

/// <summary>Durations as typed on a command line: <c>90</c> (seconds), <c>90s</c>, <c>5m</c>, <c>1h</c> or <c>00:05:00</c>.</summary>
internal static class Duration
{
    public static TimeSpan Parse(string text, string option)
    {
        var value = text.Trim();
        var unit = value.Length > 0 ? char.ToLowerInvariant(value[^1]) : ' ';
        var number = unit is 's' or 'm' or 'h' ? value[..^1] : value;
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount > 0 && amount < 1e7)
        {
            return unit switch
            {
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromSeconds(amount),
            };
        }

        if (value.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero)
        {
            return span;
        }

        throw new CliUsageException($"{option}: '{text}' is not a duration (e.g. 90s, 5m, 1h)");
    }

    public static string Format(TimeSpan span) => span.TotalSeconds switch
    {
        < 1 => string.Create(CultureInfo.InvariantCulture, $"{span.TotalMilliseconds:0} ms"),
        < 120 => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.0} s"),
        < 7200 => string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0.0} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0.0} h"),
    };
}
