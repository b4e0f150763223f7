using System.Globalization;
using System.Text;
using IloBackup.Engine.Repository;
using IloBackup.Engine.Snapshots;
using IloBackup.Serve.Access;
using static IloBackup.Serve.Pages.Html;

namespace IloBackup.Serve.Pages;

/// <summary>A server's page: its drift from its baseline, its history, the difference between two of its backups, downloads for operators.</summary>
public static class ServerPage
{
    public static string Render(string key, IReadOnlyList<BackupEntry> history, Caller caller, DateTimeOffset now, string? drift = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(caller);
        var newest = history.FirstOrDefault(e => e.IsGood) ?? history.FirstOrDefault();
        var identity = newest?.Identity;
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"""
            <h1>Server {E(identity?.SerialNumber ?? key)}</h1>
            <p class="summary">{E(identity?.ProductName)} · {E(identity?.IloGeneration)} {E(identity?.FirmwareVersion)} · host {E(newest?.Host)} · {history.Count} attempts</p>
            """);
        body.Append(drift);
        var good = history.Where(e => e.IsGood).ToList();
        if (good.Count >= 2)
        {
            body.Append(CultureInfo.InvariantCulture, $"""
                <h2>Compare two backups</h2>
                <form class="filters" method="get" action="/servers/{Url(key)}/diff">
                {Choice("from", "Older backup", good, good[1].Id)}{Choice("to", "Newer backup", good, good[0].Id)}
                <button type="submit">Show differences</button></form>
                """);
        }

        var runners = history.Any(e => e.Runner is not null);
        body.Append($$"""
            <h2>History</h2>
            <div class="table-wrap"><table class="responsive"><thead><tr><th scope="col">Backup</th><th scope="col">Taken</th><th scope="col">Age</th><th scope="col">Result</th><th scope="col">Firmware</th><th scope="col">Size</th><th scope="col">SHA-256</th><th scope="col">Configuration</th>{{(runners ? "<th scope=\"col\">Runner</th>" : "")}}<th scope="col">Download</th></tr></thead><tbody>

            """);
        foreach (var e in history)
        {
            var result = e.Outcome == BackupOutcome.Failed
                ? $"""<span class="badge bad">failed</span> <span class="reason">{E(e.FailureReason)}</span>"""
                : e.Suspect ? """<span class="badge warn">suspect</span>""" : """<span class="badge ok">good</span>""";
            var change = e.SnapshotUnchanged switch { true => "unchanged", false => "changed", _ => "—" };
            var download = !e.IsGood ? "—"
                : caller.IsOperator ? $"""<a href="/backups/{e.Id}/download" download>{E(e.FileName ?? "backup")}</a>"""
                : "operators only";
            Row(body, e, result, change, runners ? $"<td data-label=\"Runner\">{E(e.Runner ?? "—")}</td>" : string.Empty, download, now);
        }

        body.Append("</tbody></table></div>");
        return Page($"Server {identity?.SerialNumber ?? key}", caller, "/", body.ToString());

        static void Row(StringBuilder body, BackupEntry e, string result, string change, string runner, string download, DateTimeOffset now) =>
            body.Append(CultureInfo.InvariantCulture, $"""
                <tr id="backup-{e.Id}" class="{(e.Outcome == BackupOutcome.Failed ? "failed" : "ok")}"><td data-label="Backup">{e.Id}</td><td data-label="Taken">{E(Time(e.TakenAt))}</td><td data-label="Age">{E(Age(e.TakenAt, now))}</td><td data-label="Result">{result}</td><td data-label="Firmware">{E(e.Identity.FirmwareVersion)}</td><td data-label="Size">{e.Size}</td><td data-label="SHA-256"><code>{E(e.Sha256?[..Math.Min(16, e.Sha256.Length)])}</code></td><td data-label="Configuration">{change}</td>{runner}<td data-label="Download">{download}</td></tr>

                """);
    }

    public static string RenderDiff(string key, BackupEntry from, BackupEntry to, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"""
            <h1>Differences of server {E(to.Identity.SerialNumber ?? key)}</h1>
            <p class="summary">From backup {from.Id} ({E(Time(from.TakenAt))}, firmware {E(from.Identity.FirmwareVersion)}) to backup {to.Id} ({E(Time(to.TakenAt))}, firmware {E(to.Identity.FirmwareVersion)}) · <a href="/servers/{Url(key)}">back to the server</a></p>
            """);
        if (from.Snapshot is null || to.Snapshot is null)
        {
            body.Append("<p>One of the two backups has no readable snapshot (taken with --no-snapshot, or password-protected): nothing to compare.</p>");
            return Page("Differences", caller, "/", body.ToString());
        }

        var differences = SnapshotDiff.Compare(System.Text.Json.Nodes.JsonNode.Parse(from.Snapshot), System.Text.Json.Nodes.JsonNode.Parse(to.Snapshot));
        if (differences.Count == 0)
        {
            body.Append("<p>No differences in the readable configuration.</p>");
            return Page("Differences", caller, "/", body.ToString());
        }

        body.Append(CultureInfo.InvariantCulture, $"""
            <p>{differences.Count} difference(s).</p>
            <div class="table-wrap"><table class="responsive"><thead><tr><th scope="col">Setting</th><th scope="col">Change</th><th scope="col">Before</th><th scope="col">After</th></tr></thead><tbody>

            """);
        foreach (var d in differences)
        {
            body.Append(CultureInfo.InvariantCulture, $"""
                <tr><td data-label="Setting"><code>{E(d.Path)}</code></td><td data-label="Change">{E(d.Change.ToString().ToLowerInvariant())}</td><td data-label="Before"><code>{E(Readable(d.Before))}</code></td><td data-label="After"><code>{E(Readable(d.After))}</code></td></tr>

                """);
        }

        body.Append("</tbody></table></div>");
        return Page("Differences", caller, "/", body.ToString());
    }

    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A snapshot value for reading: a string as itself, anything else as compact JSON without \u escapes (then HTML-encoded).</summary>
    private static string? Readable(string? json)
    {
        if (json is null)
        {
            return null;
        }

        var node = System.Text.Json.Nodes.JsonNode.Parse(json);
        return node is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString(Relaxed) ?? "null";
    }

    private static string Choice(string name, string label, List<BackupEntry> good, long selected)
    {
        var html = new StringBuilder().Append(CultureInfo.InvariantCulture, $"""<label for="{name}">{label}<select id="{name}" name="{name}">""");
        foreach (var e in good)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<option value="{e.Id}"{(e.Id == selected ? " selected" : string.Empty)}>{e.Id} · {E(Time(e.TakenAt))} · {E(e.Identity.FirmwareVersion)}</option>""");
        }

        return html.Append("</select></label>").ToString();
    }
}
