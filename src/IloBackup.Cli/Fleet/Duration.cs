using System.Globalization;

namespace IloBackup.Cli.Fleet;

/// <summary>Durations as a person reads them in reports (parsing is <see cref="Connection.DurationText"/>).</summary>
internal static class Duration
{
    public static string Format(TimeSpan span) => span.TotalSeconds switch
    {
        < 1 => string.Create(CultureInfo.InvariantCulture, $"{span.TotalMilliseconds:0} ms"),
        < 120 => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.0} s"),
        < 7200 => string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0.0} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0.0} h"),
    };
}
