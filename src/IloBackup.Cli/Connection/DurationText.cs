using System.Globalization;

namespace IloBackup.Cli.Connection;

/// <summary>
/// Durations on the command line, one form for every option: a number and a unit, <c>ms</c>,
/// <c>s</c>, <c>m</c>, <c>h</c> or <c>d</c> (<c>500ms</c>, <c>90s</c>, <c>5m</c>, <c>12h</c>, <c>90d</c>).
/// A bare number keeps the unit its option always had (seconds for <c>--deadline</c>, days for
/// <c>--keep-within</c>); it is never read in another unit.
/// </summary>
internal static class DurationText
{
    private static readonly (string Suffix, Func<double, TimeSpan> Make)[] Units =
    [
        ("ms", TimeSpan.FromMilliseconds), ("s", TimeSpan.FromSeconds), ("m", TimeSpan.FromMinutes),
        ("h", TimeSpan.FromHours), ("d", TimeSpan.FromDays),
    ];

    /// <summary>A positive duration; a bare number is seconds.</summary>
    public static TimeSpan Parse(string text, string option) => Parse(text, option, TimeSpan.FromSeconds(1), allowZero: false);

    /// <summary>
    /// A duration; a bare number counts <paramref name="bareUnit"/>s (null: a bare number is refused
    /// with a hint). <paramref name="allowZero"/> accepts <c>0</c>.
    /// </summary>
    public static TimeSpan Parse(string text, string option, TimeSpan? bareUnit, bool allowZero)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim();
        var example = bareUnit == TimeSpan.FromDays(1) ? "90d, 12h, 30m" : "90s, 5m, 1h";
        double amount;
        TimeSpan result;
        var unit = Units.FirstOrDefault(u => value.EndsWith(u.Suffix, StringComparison.OrdinalIgnoreCase)
            && (u.Suffix != "s" || !value.EndsWith("ms", StringComparison.OrdinalIgnoreCase)));
        if (unit.Suffix is not null)
        {
            if (!TryNumber(value[..^unit.Suffix.Length], out amount))
            {
                throw new CliUsageException($"{option}: '{text}' is not a duration (e.g. {example}; units ms, s, m, h, d)");
            }

            result = unit.Make(amount);
        }
        else if (TryNumber(value, out amount))
        {
            if (bareUnit is null && amount != 0)
            {
                throw new CliUsageException($"{option}: '{text}' has no unit: write it as {amount.ToString(CultureInfo.InvariantCulture)}s, "
                    + $"{amount.ToString(CultureInfo.InvariantCulture)}m, {amount.ToString(CultureInfo.InvariantCulture)}h or "
                    + $"{amount.ToString(CultureInfo.InvariantCulture)}d");
            }

            result = TimeSpan.FromTicks((long)(amount * (bareUnit ?? TimeSpan.Zero).Ticks));
        }
        else
        {
            var letter = value.Length > 0 && char.IsLetter(value[^1]) ? $" has an unknown unit '{value[^1]}' (use ms, s, m, h or d)" : " is not a duration";
            throw new CliUsageException($"{option}: '{text}'{letter} (e.g. {example})");
        }

        return result > TimeSpan.Zero || (allowZero && result == TimeSpan.Zero)
            ? result
            : throw new CliUsageException($"{option}: '{text}' must be {(allowZero ? "zero or more" : "more than zero")}");
    }

    private static bool TryNumber(string text, out double amount) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount)
        && !double.IsNaN(amount) && amount <= 1_000_000;
}
