using System.Globalization;

namespace IloBackup.Cli.Connection;

/// <summary>Sizes on the command line: <c>64MiB</c>, <c>2GiB</c>, <c>512KiB</c> (also KB, MB, GB as powers of 1024), or plain bytes.</summary>
internal static class SizeText
{
    public static long Parse(string text, string option)
    {
        var value = text.Trim();
        (string Suffix, long Unit)[] units =
        [
            ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30), ("KB", 1L << 10), ("MB", 1L << 20), ("GB", 1L << 30),
            ("K", 1L << 10), ("M", 1L << 20), ("G", 1L << 30), ("B", 1),
        ];
        foreach (var (suffix, unit) in units)
        {
            if (value.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(value[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
            {
                return Checked(amount * unit, text, option);
            }
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var bytes)
            ? Checked(bytes, text, option)
            : throw new CliUsageException($"{option}: '{text}' is not a size (e.g. 64MiB, 2GiB)");
    }

    private static long Checked(double bytes, string text, string option) =>
        bytes is >= 1 and <= 1L << 40 ? (long)bytes : throw new CliUsageException($"{option}: '{text}' must be between 1 byte and 1 TiB");
}
