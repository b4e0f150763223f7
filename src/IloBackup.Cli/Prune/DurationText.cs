using System.Globalization;

namespace IloBackup.Cli.Prune;

/// <summary>Durations as typed on the command line: <c>7d</c>, <c>12h</c>, <c>30m</c>, <c>45s</c>, or a bare number of days; <c>0</c>.</summary>
internal static class DurationText
{
    public static TimeSpan Parse(string text, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var unit = 'd';
        var number = trimmed;
        if (trimmed.Length > 0 && char.IsLetter(trimmed[^1]))
        {
            unit = char.ToLowerInvariant(trimmed[^1]);
            number = trimmed[..^1];
        }

        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || double.IsNaN(value) || value > 100_000)
        {
            throw new CliUsageException($"{option}: '{text}' is not a duration (like 7d, 12h, 30m)");
        }

        return unit switch
        {
            'd' => TimeSpan.FromDays(value),
            'h' => TimeSpan.FromHours(value),
            'm' => TimeSpan.FromMinutes(value),
            's' => TimeSpan.FromSeconds(value),
            _ => throw new CliUsageException($"{option}: '{text}' has an unknown unit (use d, h, m or s)"),
        };
    }
}
