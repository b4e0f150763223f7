using System.Globalization;
using System.Text;
using IloBackup.Engine.Repository;

namespace IloBackup.Cli.History;

/// <summary>
/// The <c>history</c> table, plain text that fits the terminal (80 columns when the output is not
/// one). The host comes last; when the hosts do not fit, the column is left out (the serial number
/// names the server) and a failure names its host on its reason line. A failure's reason goes on
/// lines of its own under its row, wrapped, never stretching the table; so does why a backup is suspect.
/// </summary>
internal static class HistoryTable
{
    private const string Gap = "  ";
    private const string ReasonIndent = "      ";

    public static string Render(IReadOnlyList<BackupEntry> entries, int width)
    {
        var rows = entries.Select(e => new[]
        {
            e.Id.ToString(CultureInfo.InvariantCulture),
            e.TakenAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            e.Identity.SerialNumber ?? "?",
            e.Identity.IloGeneration is null ? "-" : $"{e.Identity.IloGeneration} {e.Identity.FirmwareVersion}",
            Repository.RepoCli.Size(e.Size) + (e.PasswordProtected ? " pw" : string.Empty),
            e.SnapshotUnchanged switch { true => "unchanged", false => "changed", null => "-" },
            !e.IsGood ? "failed" : e.Suspect ? "suspect" : "ok",
            e.Runner ?? "-",
            Host(e.Host),
        }).ToList();
        string[] header = ["ID", "Taken (UTC)", "Serial", "iLO", "Size", "Config", "Result", "Runner", "Host"];
        if (!entries.Any(e => e.Runner is not null))
        {
            // Issue 20: the runner column only where some row names one (a shared catalog, or --runner).
            header = [.. header.Where((_, i) => i != 7)];
            rows = [.. rows.Select(r => r.Where((_, i) => i != 7).ToArray())];
        }

        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var fixedWidth = widths.Take(widths.Length - 1).Sum() + (Gap.Length * (widths.Length - 1));
        var withHost = fixedWidth + widths[^1] <= width;
        if (!withHost)
        {
            header = header[..^1];
            widths = widths[..^1];
            rows = [.. rows.Select(r => r[..^1])];
        }

        var text = new StringBuilder();
        Line(text, header, widths);
        text.Append(new string('-', Math.Min(width, widths.Sum() + (Gap.Length * (widths.Length - 1))))).Append('\n');
        for (var k = 0; k < rows.Count; k++)
        {
            Line(text, rows[k], widths);
            var reason = entries[k].FailureReason is { Length: > 0 } failure ? failure
                : entries[k].IsGood && entries[k].Suspect ? $"suspect: {entries[k].SuspectReason ?? "marked suspect"}" : null;
            if (reason is not null)
            {
                var said = withHost ? $"reason: {reason}" : $"{Host(entries[k].Host)}: {reason}";
                foreach (var part in Wrap(said, Math.Max(width - ReasonIndent.Length, 20)))
                {
                    text.Append(ReasonIndent).Append(part).Append('\n');
                }
            }
        }

        return text.Append(string.Create(CultureInfo.InvariantCulture, $"{entries.Count} entries\n")).ToString();
    }

    private static void Line(StringBuilder text, string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = cells[i].Length > widths[i] ? cells[i][..(widths[i] - 1)] + "…" : cells[i];
            line.Append(i == cells.Length - 1 ? cell : cell.PadRight(widths[i]) + Gap);
        }

        text.Append(line.ToString().TrimEnd()).Append('\n');
    }

    /// <summary>The host as a person names it: no scheme, no trailing slash.</summary>
    private static string Host(string host)
    {
        var shown = host.Replace("https://", string.Empty, StringComparison.OrdinalIgnoreCase);
        return shown.TrimEnd('/');
    }

    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }
}
