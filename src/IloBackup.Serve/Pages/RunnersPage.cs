using System.Globalization;
using System.Text;
using IloBackup.Engine.Repository;
using IloBackup.Serve.Access;
using static IloBackup.Serve.Pages.Html;

namespace IloBackup.Serve.Pages;

/// <summary>
/// The runners sharing the catalog (issue 20): each one's name, machine, last heartbeat and current run; one not heard from
/// for twice its schedule interval (or twice this service's, or a day and more) is flagged silent.
/// </summary>
public static class RunnersPage
{
    public static string Render(IReadOnlyList<RunnerHeartbeat>? runners, string? problem, TimeSpan? silenceThreshold, string? self, Caller caller, DateTimeOffset now)
    {
        var body = new StringBuilder("<h1>Runners</h1>\n");
        if (problem is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"""<p class="error" role="alert">The runners cannot be read: {E(problem)}</p>""");
            return Page("Runners", caller, "/runners", body.ToString());
        }

        if (runners is null)
        {
            body.Append("<p>This repository's catalog is not shared (SQLite): runners and their heartbeats are kept by a PostgreSQL catalog (docs/repository.md).</p>");
            return Page("Runners", caller, "/runners", body.ToString());
        }

        var silent = runners.Count(r => r.IsSilent(now, silenceThreshold));
        body.Append(CultureInfo.InvariantCulture, $"""
            <p class="summary">{runners.Count} runners · {silent} silent</p>
            <div class="table-wrap"><table class="responsive"><thead><tr><th scope="col">Runner</th><th scope="col">Host</th><th scope="col">Last heartbeat</th><th scope="col">Current run</th><th scope="col">State</th></tr></thead><tbody>

            """);
        foreach (var r in runners)
        {
            var isSilent = r.IsSilent(now, silenceThreshold);
            var state = isSilent ? """<span class="badge failed">silent</span>""" : """<span class="badge succeeded">alive</span>""";
            var name = E(r.Runner) + (string.Equals(r.Runner, self, StringComparison.Ordinal) ? " (this one)" : string.Empty);
            body.Append(CultureInfo.InvariantCulture, $"""
                <tr class="{(isSilent ? "failing" : "ok")}" data-runner="{A(r.Runner)}"><td data-label="Runner">{name}</td><td data-label="Host">{E(r.Host)}</td><td data-label="Last heartbeat">{Time(r.LastSeen)} ({Age(r.LastSeen, now)})</td><td data-label="Current run">{(r.CurrentRun is null ? "—" : E(r.CurrentRun))}</td><td data-label="State">{state}</td></tr>

                """);
        }

        body.Append("</tbody></table></div>");
        return Page("Runners", caller, "/runners", body.ToString());
    }
}
