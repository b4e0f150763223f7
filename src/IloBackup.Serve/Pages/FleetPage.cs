using System.Globalization;
using System.Text;
using IloBackup.Serve.Access;
using IloBackup.Serve.Fleet;
using IloBackup.Serve.Runs;
using static IloBackup.Serve.Pages.Html;

namespace IloBackup.Serve.Pages;

/// <summary>The fleet page: every server's last good backup and its age, failing, suspect and stale servers; search and filter.</summary>
public static class FleetPage
{
    public static readonly string[] Filters = ["all", "failing", "suspect", "stale", "drifted", "never"];

    public static IEnumerable<ServerState> Select(FleetState state, string? query, string? show)
    {
        ArgumentNullException.ThrowIfNull(state);
        var q = query?.Trim() ?? string.Empty;
        return state.Servers.Where(s =>
            (q.Length == 0
             || (s.Serial?.Contains(q, StringComparison.OrdinalIgnoreCase) ?? false)
             || s.Host.Contains(q, StringComparison.OrdinalIgnoreCase)
             || s.Tags.Any(t => t.Contains(q, StringComparison.OrdinalIgnoreCase)))
            && (show switch
            {
                "failing" => s.Failing,
                "suspect" => s.Suspect,
                "stale" => s.Stale,
                "drifted" => s.Drifted,
                "never" => s.LastGood is null,
                _ => true,
            }));
    }

    public static string Render(FleetState state, RunRecord? current, DateTimeOffset? nextRun, string? query, string? show, Caller caller, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(caller);
        var body = new StringBuilder();
        var servers = state.Servers;
        body.Append(CultureInfo.InvariantCulture, $"""
            <h1>Fleet</h1>
            <p class="summary">{servers.Count} servers · {servers.Count(s => s.Failing)} failing · {servers.Count(s => s.Suspect)} suspect ·
            {servers.Count(s => s.Stale)} stale ·{(state.Drift is null ? string.Empty : $" <a href=\"/drift\">{servers.Count(s => s.Drifted)} drifted</a> ·")} {servers.Count(s => s.LastGood is null)} never backed up ·
            next run {E(Time(nextRun))}{(current is null ? string.Empty : $" · <a href=\"/runs/{current.Id}\">run {current.Id} under way</a>")}</p>
            """);
        if (state.Problem is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"""<p class="error" role="alert">The catalog could not be read: {E(state.Problem)}</p>""");
        }

        if (state.DriftProblem is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"""<p class="error" role="alert">The baselines cannot be applied: {E(state.DriftProblem)}</p>""");
        }

        if (state.Verify is { IsHealthy: false } verify)
        {
            body.Append(CultureInfo.InvariantCulture, $"""<p class="error" role="alert">Verify found {verify.Corrupt.Count} corrupt and {verify.Missing.Count} missing objects.</p>""");
        }

        body.Append("""<form class="filters" method="get" action="/" role="search" hx-get="/" hx-target="#fleet" hx-select="#fleet" hx-swap="outerHTML" hx-push-url="true" hx-trigger="input changed delay:300ms from:#q, change from:#show, submit">""");
        body.Append(CultureInfo.InvariantCulture, $"""
            <label for="q">Search serial, host or tag<input id="q" name="q" type="search" value="{A(query)}" autocomplete="off"></label>
            <label for="show">Show<select id="show" name="show">
            """);
        foreach (var filter in Filters)
        {
            var selected = string.Equals(filter, show ?? "all", StringComparison.Ordinal) ? " selected" : string.Empty;
            body.Append(CultureInfo.InvariantCulture, $"""<option value="{filter}"{selected}>{filter}</option>""");
        }

        body.Append("</select></label><button type=\"submit\">Filter</button></form>\n");
        body.Append(Table([.. Select(state, query, show)], now));
        return Page("Fleet", caller, "/", body.ToString());
    }

    private static string Table(IReadOnlyList<ServerState> servers, DateTimeOffset now)
    {
        var html = new StringBuilder("""
            <div id="fleet" class="table-wrap"><table class="responsive"><caption class="summary">
            """);
        html.Append(CultureInfo.InvariantCulture, $"{servers.Count} shown</caption>\n");
        html.Append("<thead><tr><th scope=\"col\">Serial</th><th scope=\"col\">Host</th><th scope=\"col\">Tags</th><th scope=\"col\">Last good backup</th><th scope=\"col\">Age</th><th scope=\"col\">Firmware</th><th scope=\"col\">State</th></tr></thead><tbody>\n");
        foreach (var s in servers)
        {
            var good = s.LastGood;
            var state = new StringBuilder();
            if (s.Failing)
            {
                state.Append(CultureInfo.InvariantCulture, $"""<span class="badge bad">failing</span> <span class="reason">{E(s.LastAttempt.FailureReason)}</span> """);
            }

            if (s.Suspect)
            {
                state.Append("""<span class="badge warn">suspect</span> """);
            }

            if (s.Stale)
            {
                state.Append("""<span class="badge warn">stale</span> """);
            }

            if (s.Drifted)
            {
                state.Append(CultureInfo.InvariantCulture, $"""<a class="badge warn" href="/servers/{Url(s.Key)}#drift">drifted</a> """);
            }

            if (state.Length == 0)
            {
                state.Append("""<span class="badge ok">ok</span>""");
            }

            html.Append(CultureInfo.InvariantCulture, $"""
                <tr class="{(s.Failing ? "failing" : "ok")}"><td data-label="Serial"><a href="/servers/{Url(s.Key)}">{E(s.Serial ?? "(unknown)")}</a></td><td data-label="Host">{E(s.Host)}</td><td data-label="Tags">{E(string.Join(", ", s.Tags))}</td><td data-label="Last good backup">{(good is null ? "never" : $"<a href=\"/servers/{Url(s.Key)}#backup-{good.Id}\">{E(Time(good.TakenAt))}</a>")}</td><td data-label="Age">{E(Age(good?.TakenAt, now))}</td><td data-label="Firmware">{E(good?.Identity.FirmwareVersion)}</td><td data-label="State">{state}</td></tr>

                """);
        }

        html.Append("</tbody></table></div>");
        return html.ToString();
    }
}
