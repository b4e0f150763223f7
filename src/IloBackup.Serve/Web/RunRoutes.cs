using System.Globalization;
using IloBackup.Serve.Pages;
using Microsoft.AspNetCore.Http;

namespace IloBackup.Serve.Web;

/// <summary>The runs list, one run's page (live while it runs), and "Run now" for operators.</summary>
internal static class RunRoutes
{
    public static Task ListAsync(HttpContext http, ServeContext context) =>
        Routes.HtmlAsync(http, RunPages.RenderList(context.Runs.Store.List(), context.Runs.Current, context.NextRun(), Routes.Caller(http)));

    public static Task ShowAsync(HttpContext http, ServeContext context)
    {
        var id = Convert.ToInt32(http.Request.RouteValues["id"], CultureInfo.InvariantCulture);
        var run = context.Runs.Current is { } current && current.Id == id ? current : context.Runs.Store.Get(id);
        return run is null ? Routes.NotFoundAsync(http, $"No run {id}.") : Routes.HtmlAsync(http, RunPages.RenderRun(run, Routes.Caller(http)));
    }

    /// <summary>Starts a run (303 to its page; 409 with the running one's address when a run is under way).</summary>
    public static Task StartAsync(HttpContext http, ServeContext context)
    {
        var caller = Routes.Caller(http);
        var started = context.Runs.TryStart($"user {caller.Name}", context.Stopping);
        var run = context.Runs.Current;
        var location = run is null ? "/runs" : $"/runs/{run.Id}";
        http.Response.StatusCode = started is null ? StatusCodes.Status409Conflict : StatusCodes.Status303SeeOther;
        http.Response.Headers.Location = location;
        if (http.Request.Headers.ContainsKey("HX-Request"))
        {
            // htmx follows this instead of swapping the answer in.
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.Headers["HX-Redirect"] = location;
        }

        return started is null && http.Response.StatusCode == StatusCodes.Status409Conflict
            ? http.Response.WriteAsync($"a run is under way: {location}\n", http.RequestAborted)
            : Task.CompletedTask;
    }
}
