using System.Globalization;
using System.Text;
using IloBackup.Engine.Drift;

namespace IloBackup.Cli.Drift;

/// <summary>The readable form of a drift report: one line per server, its deviations as a small table under it, a summary.</summary>
internal static class DriftTable
{
    public static string Render(DriftReport report)
    {
        var text = new StringBuilder();
        foreach (var server in report.Servers)
        {
            var backup = server.Backup is { } b
                ? string.Create(CultureInfo.InvariantCulture, $"backup {b.Id} ({b.TakenAt.UtcDateTime:yyyy-MM-dd HH:mm}Z)")
                : "no good backup";
            text.Append(CultureInfo.InvariantCulture, $"{server.Serial ?? "(unknown serial)"}  {server.Host}  {backup}  {Verdict(server)}\n");
            if (server.Deviations.Count == 0)
            {
                continue;
            }

            string[] header = ["baseline", "setting", "expected", "actual"];
            var rows = server.Deviations.Select(d => new[] { d.Baseline, d.Setting, d.Expected, d.Actual }).Prepend(header).ToList();
            var widths = Enumerable.Range(0, 3).Select(i => rows.Max(r => r[i].Length)).ToArray();
            foreach (var row in rows)
            {
                text.Append("    ");
                for (var i = 0; i < 3; i++)
                {
                    text.Append(row[i].PadRight(widths[i] + 2));
                }

                text.Append(row[3]).Append('\n');
            }
        }

        var servers = report.Servers;
        text.Append(CultureInfo.InvariantCulture, $"""
            {servers.Count} servers: {servers.Count(s => s.Status == DriftStatus.Matches)} matching, {report.Drifted} drifted, {report.Unchecked} not checked (no good backup or no snapshot), {servers.Count(s => s.Status == DriftStatus.NoBaseline)} without a baseline

            """);
        return text.ToString();
    }

    private static string Verdict(ServerDrift server) => server.Status switch
    {
        DriftStatus.Matches => $"matches {string.Join(", ", server.Baselines)}",
        DriftStatus.Drifted => string.Create(CultureInfo.InvariantCulture, $"DRIFTED: {server.Deviations.Count} deviation(s) from {string.Join(", ", server.Deviations.Select(d => d.Baseline).Distinct())}"),
        DriftStatus.NoGoodBackup => "NOT CHECKED: no good backup",
        DriftStatus.NoSnapshot => "NOT CHECKED: its newest good backup has no readable snapshot",
        _ => "no baseline applies (none of its tags has one, and no default)",
    };
}
