using System.Globalization;
using System.Net;
using System.Text;
using IloBackup.Engine.Fleet;

namespace IloBackup.Cli.Fleet;

/// <summary>A self-contained HTML page with one row per iLO and the reason for each failure.</summary>
internal static class FleetHtmlReport
{
    public static async Task WriteAsync(string path, string title, FleetReport report, CancellationToken cancellationToken)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{{E(title)}}</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:2em} table{border-collapse:collapse}
            td,th{border:1px solid #ccc;padding:4px 8px;text-align:left} .failed{background:#fdd} .skipped{color:#777}
            .stale{color:#a60} .suspect{background:#ffe8b0}
            </style></head><body>
            <h1>{{E(title)}}</h1>
            <p>{{report.StartedAt.ToUniversalTime():yyyy-MM-dd HH:mm:ss}}Z · {{report.Outcomes.Count}} iLOs · {{report.Succeeded}} ok ·
            {{report.Skipped}} skipped · {{report.Failed}} failed · {{report.Suspect}} suspect · {{report.Stale}} stale · {{E(Duration.Format(report.Duration))}}</p>
            <table><tr><th>Host</th><th>Serial</th><th>Firmware</th><th>Result</th><th>Backup</th><th>SHA-256</th><th>Time</th><th>Reason / note</th></tr>

            """);
        foreach (var o in report.Outcomes)
        {
            var r = o.Result;
            var status = r?.Suspect == true ? "suspect" : o.Status.ToString().ToLowerInvariant();
            var stale = r?.WasStale == true ? " <span class=\"stale\">(stale)</span>" : string.Empty;
            html.Append(CultureInfo.InvariantCulture, $"""
                <tr class="{status}"><td>{E(o.Host.Address)}</td><td>{E(r?.Identity.SerialNumber ?? o.Host.Serial)}</td><td>{E(r?.Identity.FirmwareVersion)}{stale}</td><td>{status}</td><td>{r?.BackupId}</td><td><code>{E(r?.Sha256)}</code></td><td>{E(Duration.Format(o.Duration))}</td><td>{E(o.Reason ?? (r?.Suspect == true ? r.SuspectReason : null) ?? r?.Message)}</td></tr>

                """);
        }

        html.Append("</table></body></html>\n");
        // Whole or absent, also after a power loss.
        await IloBackup.Durability.DurableFile.WriteAllBytesAsync(path, Encoding.UTF8.GetBytes(html.ToString()), cancellationToken).ConfigureAwait(false);
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);
}
