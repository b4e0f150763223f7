using System.Globalization;
using System.Text;
using IloBackup.Serve.Access;
using IloBackup.Serve.Runs;
using static IloBackup.Serve.Pages.Html;

namespace IloBackup.Serve.Pages;

/// <summary>The runs list (with the operator's "Run now") and a run's page: the content of the fleet HTML report.</summary>
public static class RunPages
{
    public static string RenderList(IReadOnlyList<RunRecord> runs, RunRecord? current, DateTimeOffset? nextRun, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(caller);
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"""<h1>Runs</h1><div class="actions"><span class="summary">Next planned run {E(Time(nextRun))}</span>""");
        if (current is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"""<a href="/runs/{current.Id}">Run {current.Id} is under way</a>""");
        }
        else if (caller.IsOperator)
        {
            body.Append(PostButton(caller, "/runs", "Run now"));
        }

        body.Append("""
            </div>
            <div class="table-wrap"><table class="responsive"><thead><tr><th scope="col">Run</th><th scope="col">Started</th><th scope="col">By</th><th scope="col">State</th><th scope="col">iLOs</th><th scope="col">OK</th><th scope="col">Failed</th><th scope="col">Duration</th></tr></thead><tbody>

            """);
        foreach (var r in runs)
        {
            body.Append(CultureInfo.InvariantCulture, $"""
                <tr class="{(r.State == RunState.Failed || r.Failed > 0 ? "failed" : "ok")}"><td data-label="Run"><a href="/runs/{r.Id}">Run {r.Id}</a></td><td data-label="Started">{E(Time(r.StartedAt))}</td><td data-label="By">{E(r.Trigger)}</td><td data-label="State">{E(State(r))}</td><td data-label="iLOs">{r.Total}</td><td data-label="OK">{r.Succeeded}</td><td data-label="Failed">{r.Failed}</td><td data-label="Duration">{E(Seconds(r.DurationSeconds))}</td></tr>

                """);
        }

        body.Append("</tbody></table></div>");
        return Page("Runs", caller, "/runs", body.ToString());
    }

    public static string RenderRun(RunRecord run, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(caller);
        var body = new StringBuilder();
        // While the run goes on, the section reloads itself every second (htmx); when it ends, the polling stops.
        var poll = run.State == RunState.Running ? $""" hx-get="/runs/{run.Id}" hx-trigger="every 1s" hx-select="#run" hx-target="#run" hx-swap="outerHTML" """ : string.Empty;
        body.Append(CultureInfo.InvariantCulture, $"""
            <section id="run" aria-live="polite"{poll} data-state="{run.State.ToString().ToLowerInvariant()}">
            <h1>Run {run.Id}: {E(State(run))}</h1>
            <p class="summary">{E(Time(run.StartedAt))} · by {E(run.Trigger)} · {run.Total} iLOs · {run.Succeeded} ok · {run.Skipped} skipped · {run.Failed} failed · {run.Stale} stale · {E(Seconds(run.DurationSeconds))}{(run.Runner is null ? string.Empty : $" · runner {E(run.Runner)}, run {E(run.RunId ?? "—")}")}</p>
            """);
        if (run.Error is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"""<p class="error" role="alert">{E(run.Error)}</p>""");
        }

        var runners = run.Runner is not null || run.Hosts.Any(h => h.Runner is not null);
        body.Append($$"""
            <div class="table-wrap"><table class="responsive"><thead><tr><th scope="col">Host</th><th scope="col">Serial</th><th scope="col">Firmware</th><th scope="col">Result</th><th scope="col">Backup</th><th scope="col">SHA-256</th><th scope="col">Time</th>{{(runners ? "<th scope=\"col\">Runner</th>" : "")}}<th scope="col">Reason / note</th></tr></thead><tbody>

            """);
        foreach (var h in run.Hosts)
        {
            var serial = h.Serial is null ? "—" : $"""<a href="/servers/{Url(h.Serial)}">{E(h.Serial)}</a>""";
            body.Append(CultureInfo.InvariantCulture, $"""
                <tr class="{A(h.Status)}"><td data-label="Host">{E(h.Host)}</td><td data-label="Serial">{serial}</td><td data-label="Firmware">{E(h.Firmware)}{(h.Stale ? " <span class=\"badge warn\">stale</span>" : string.Empty)}</td><td data-label="Result">{E(h.Status)}</td><td data-label="Backup">{h.BackupId}</td><td data-label="SHA-256"><code>{E(h.Sha256)}</code></td><td data-label="Time">{E(Seconds(h.Seconds))}</td>{(runners ? $"<td data-label=\"Runner\">{E(h.Runner ?? "—")}</td>" : string.Empty)}<td data-label="Reason / note">{E(h.Reason ?? h.Note)}</td></tr>

                """);
        }

        body.Append("</tbody></table></div></section>");
        return Page($"Run {run.Id}", caller, "/runs", body.ToString());
    }

    private static string State(RunRecord run) => run.State switch
    {
        RunState.Running => string.Create(CultureInfo.InvariantCulture, $"running ({run.Completed} of {(run.Total == 0 ? "?" : run.Total.ToString(CultureInfo.InvariantCulture))} done)"),
        RunState.Failed => "failed",
        _ => run.Failed == 0 ? "finished" : "finished with failures",
    };
}
