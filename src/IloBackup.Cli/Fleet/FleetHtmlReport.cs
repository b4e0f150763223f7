using System.Globalization;
using System.Net;
using System.Text;
using IloBackup.Engine.Fleet;

namespace IloBackup.Cli.Fleet;

/// <summary>
/// A self-contained HTML page with one row per iLO: failures first (then skipped, then the rest, each
/// in inventory order), a short hash (the whole one on hover), and the reason in a wide column that
/// wraps, so it stays readable in a 1280 px window.
/// </summary>
internal static class FleetHtmlReport
{
    public static async Task WriteAsync(string path, string title, FleetReport report, CancellationToken cancellationToken)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{{E(title)}}</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:1em} table{border-collapse:collapse;width:100%}
            td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top;white-space:nowrap}
            td.reason{white-space:normal;overflow-wrap:anywhere;min-width:24em;width:100%}
            .failed{background:#fdd} .skipped{color:#777} .stale{color:#a60} .suspect{background:#ffe8b0}
            </style></head><body>
            <h1>{{E(title)}}</h1>
            <p>{{report.StartedAt.ToUniversalTime():yyyy-MM-dd HH:mm:ss}}Z · {{report.Outcomes.Count}} iLOs · {{report.Succeeded}} ok ·
            {{report.Skipped}} skipped · {{report.Failed}} failed · {{report.Suspect}} suspect · {{report.Stale}} stale · {{E(Duration.Format(report.Duration))}}</p>
            <table><tr><th>Host</th><th>Serial</th><th>Firmware</th><th>Result</th><th>Backup</th><th>SHA-256</th><th>Time</th>{{(report.Runner is null ? "" : "<th>Runner</th>")}}<th>Reason / note</th></tr>

            """);
        var ordered = report.Outcomes.Select((o, k) => (o, k))
            .OrderBy(p => p.o.Status switch { HostStatus.Failed => 0, HostStatus.Skipped => 1, _ => 2 }).ThenBy(p => p.k).Select(p => p.o);
        foreach (var o in ordered)
        {
            var r = o.Result;
            var status = r?.Suspect == true ? "suspect" : o.Status.ToString().ToLowerInvariant();
            var stale = r?.WasStale == true ? " <span class=\"stale\">(stale)</span>" : string.Empty;
            html.Append(CultureInfo.InvariantCulture, $"""
                <tr class="{status}"><td>{E(o.Host.Address)}</td><td>{E(r?.Identity.SerialNumber ?? o.Host.Serial)}</td><td>{E(r?.Identity.FirmwareVersion)}{stale}</td><td>{status}</td><td>{r?.BackupId}</td><td>{ShortHash(r?.Sha256)}</td><td>{E(Duration.Format(o.Duration))}</td>{RunnerCell(report, o)}<td class="reason">{E(o.Reason ?? (r?.Suspect == true ? r.SuspectReason : null) ?? r?.Message)}</td></tr>

                """);
        }

        html.Append("</table>\n");
        if (report.Interruption is { } interruption)
        {
            // Issue 15: the partial report of a run stopped by Ctrl+C.
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"failed\"><strong>Interrupted: {E(interruption)}</strong></p>\n");
            html.Append(CultureInfo.InvariantCulture, $"<p>Interrupted while running: {E(string.Join(", ", report.CutShort.Select(h => h.Address)))}</p>\n");
            html.Append(CultureInfo.InvariantCulture, $"<p>Not started: {E(string.Join(", ", report.NotStarted.Select(h => h.Address)))}</p>\n");
        }

        html.Append("</body></html>\n");
        // Whole or absent, also after a power loss.
        await IloBackup.Durability.DurableFile.WriteAllBytesAsync(path, Encoding.UTF8.GetBytes(html.ToString()), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The first 12 hex digits, the whole hash in the tooltip.</summary>
    private static string ShortHash(string? sha256) =>
        sha256 is null ? string.Empty : $"<code title=\"{E(sha256)}\">{E(sha256[..Math.Min(12, sha256.Length)])}</code>";

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    private static string RunnerCell(FleetReport report, HostOutcome o) => report.Runner is not { } who ? string.Empty
        : $"<td>{E(o.Result?.Runner ?? (o.Status is HostStatus.Succeeded or HostStatus.Failed ? who.Runner : null))}</td>";
}
