using System.Globalization;
using System.Text;
using IloBackup.Engine.Drift;
using IloBackup.Serve.Access;
using IloBackup.Serve.Fleet;
using static IloBackup.Serve.Pages.Html;

namespace IloBackup.Serve.Pages;

/// <summary>Drift from the baselines (<c>serve --baseline</c>): the list of every server, and the section of a server's page.</summary>
public static class DriftPage
{
    public static string Render(FleetState state, bool hasBaselines, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(state);
        var body = new StringBuilder("<h1>Drift</h1>\n");
        if (!hasBaselines)
        {
            body.Append("<p>No baseline file: start the service with <code>--baseline FILE</code> to hold servers against baselines (docs/drift.md).</p>");
            return Page("Drift", caller, "/drift", body.ToString());
        }

        if (state.DriftProblem is not null || state.Drift is null)
        {
            body.Append(CultureInfo.InvariantCulture, $"""<p class="error" role="alert">The baselines cannot be applied: {E(state.DriftProblem ?? state.Problem ?? "the catalog has not been read yet")}</p>""");
            return Page("Drift", caller, "/drift", body.ToString());
        }

        var report = state.Drift;
        var servers = report.Servers;
        body.Append(CultureInfo.InvariantCulture, $"""
            <p class="summary">{servers.Count} servers · {servers.Count(s => s.Status == DriftStatus.Matches)} matching · {report.Drifted} drifted · {report.Unchecked} not checked · {servers.Count(s => s.Status == DriftStatus.NoBaseline)} without a baseline · baselines {E(report.Source)}</p>
            <div class="table-wrap"><table class="responsive"><thead><tr><th scope="col">Serial</th><th scope="col">Host</th><th scope="col">Baselines</th><th scope="col">Backup</th><th scope="col">State</th><th scope="col">Deviations</th></tr></thead><tbody>

            """);
        foreach (var s in servers.OrderBy(s => s.Status == DriftStatus.Drifted ? 0 : s.IsFinding ? 1 : 2))
        {
            body.Append(CultureInfo.InvariantCulture, $"""
                <tr class="{(s.IsFinding ? "failing" : "ok")}"><td data-label="Serial"><a href="/servers/{Url(s.Key)}#drift">{E(s.Serial ?? "(unknown)")}</a></td><td data-label="Host">{E(s.Host)}</td><td data-label="Baselines">{E(string.Join(", ", s.Baselines))}</td><td data-label="Backup">{(s.Backup is { } b ? $"<a href=\"/servers/{Url(s.Key)}#backup-{b.Id}\">{b.Id}</a>" : "—")}</td><td data-label="State">{Badge(s.Status)}</td><td data-label="Deviations">{DeviationList(s)}</td></tr>

                """);
        }

        body.Append("</tbody></table></div>");
        return Page("Drift", caller, "/drift", body.ToString());
    }

    /// <summary>The drift section of a server's page (empty without baselines).</summary>
    public static string Section(ServerDrift? drift, string? problem)
    {
        if (drift is null && problem is null)
        {
            return string.Empty;
        }

        var html = new StringBuilder("""<h2 id="drift">Drift from its baseline</h2>""");
        if (drift is null)
        {
            return html.Append(CultureInfo.InvariantCulture, $"""<p class="error" role="alert">The baselines cannot be applied: {E(problem)}</p>""").ToString();
        }

        html.Append(CultureInfo.InvariantCulture, $"""<p>{Badge(drift.Status)} {E(Words(drift))}</p>""");
        if (drift.Deviations.Count > 0)
        {
            html.Append(Deviations(drift));
        }

        return html.ToString();
    }

    private static string Words(ServerDrift drift) => drift.Status switch
    {
        DriftStatus.Matches => $"Backup {drift.Backup!.Id} matches {string.Join(", ", drift.Baselines)}.",
        DriftStatus.Drifted => string.Create(CultureInfo.InvariantCulture, $"Backup {drift.Backup!.Id} differs from {string.Join(", ", drift.Baselines)} in {drift.Deviations.Count} setting(s)."),
        DriftStatus.NoGoodBackup => "No good backup: nothing to compare with the baseline.",
        DriftStatus.NoSnapshot => "Its newest good backup has no readable snapshot: nothing to compare.",
        _ => "No baseline applies: none of its tags has one, and the file has no default.",
    };

    private static string Badge(DriftStatus status) => status switch
    {
        DriftStatus.Matches => """<span class="badge ok">matches</span>""",
        DriftStatus.Drifted => """<span class="badge warn">drifted</span>""",
        DriftStatus.NoGoodBackup => """<span class="badge bad">no good backup</span>""",
        DriftStatus.NoSnapshot => """<span class="badge bad">no snapshot</span>""",
        _ => """<span class="badge">no baseline</span>""",
    };

    /// <summary>Inside a row of the list (a table in a responsive table would not fit a phone): one line per deviation.</summary>
    private static string DeviationList(ServerDrift drift)
    {
        if (drift.Deviations.Count == 0)
        {
            return "—";
        }

        var html = new StringBuilder("""<ul class="deviations">""");
        foreach (var d in drift.Deviations)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<li><code>{E(d.Setting)}</code> ({E(d.Baseline)}): expected {E(d.Expected)}, actual {E(d.Actual)}</li>""");
        }

        return html.Append("</ul>").ToString();
    }

    private static string Deviations(ServerDrift drift)
    {
        if (drift.Deviations.Count == 0)
        {
            return string.Empty;
        }

        var html = new StringBuilder("""<div class="table-wrap"><table class="deviations"><thead><tr><th scope="col">Baseline</th><th scope="col">Setting</th><th scope="col">Expected</th><th scope="col">Actual</th></tr></thead><tbody>""");
        foreach (var d in drift.Deviations)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<tr><td>{E(d.Baseline)}</td><td><code>{E(d.Setting)}</code></td><td>{E(d.Expected)}</td><td>{E(d.Actual)}</td></tr>""");
        }

        return html.Append("</tbody></table></div>").ToString();
    }
}
