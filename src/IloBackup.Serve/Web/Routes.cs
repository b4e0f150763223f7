using System.Globalization;
using System.Text;
using System.Text.Json;
using IloBackup.Engine.Repository;
using IloBackup.Serve.Access;
using IloBackup.Serve.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IloBackup.Serve.Web;

/// <summary>
/// Every route and the role it needs. Handlers are plain <see cref="RequestDelegate"/>s (no parameter binding by reflection:
/// the CLI is Native AOT). The authorization test walks this table.
/// </summary>
public static class Routes
{
    public static void Map(IEndpointRouteBuilder app, ServeContext context)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(context);
        var viewer = new RequiresRole(Role.Viewer);
        var operatorRole = new RequiresRole(Role.Operator);
        app.MapGet("/healthz", http => HealthAsync(http, context)).WithMetadata(RequiresRole.Anonymous);
        app.MapGet("/static/{name}", StaticAssets.ServeAsync).WithMetadata(RequiresRole.Anonymous);
        app.MapGet("/login", LoginRoutes.FormAsync).WithMetadata(RequiresRole.Anonymous);
        app.MapPost("/login", http => LoginRoutes.SignInAsync(http, context)).WithMetadata(RequiresRole.Anonymous);
        app.MapPost("/logout", http => LoginRoutes.SignOutAsync(http, context)).WithMetadata(viewer);
        app.MapGet("/", http => FleetAsync(http, context)).WithMetadata(viewer);
        app.MapGet("/servers/{key}", http => ServerRoutes.HistoryAsync(http, context)).WithMetadata(viewer);
        app.MapGet("/servers/{key}/diff", http => ServerRoutes.DiffAsync(http, context)).WithMetadata(viewer);
        app.MapGet("/backups/{id:long}/download", http => ServerRoutes.DownloadAsync(http, context)).WithMetadata(operatorRole);
        app.MapGet("/drift", http => HtmlAsync(http, DriftPage.Render(context.Fleet.Current, context.Fleet.HasBaselines, Caller(http)))).WithMetadata(viewer);
        app.MapGet("/runners", http => RunnersAsync(http, context)).WithMetadata(viewer);
        app.MapGet("/runs", http => RunRoutes.ListAsync(http, context)).WithMetadata(viewer);
        app.MapGet("/runs/{id:int}", http => RunRoutes.ShowAsync(http, context)).WithMetadata(viewer);
        app.MapPost("/runs", http => RunRoutes.StartAsync(http, context)).WithMetadata(operatorRole);
    }

    internal static Caller Caller(HttpContext http) => AccessMiddleware.CallerOf(http)!;

    internal static Task HtmlAsync(HttpContext http, string html, int status = StatusCodes.Status200OK)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        return http.Response.WriteAsync(html, Encoding.UTF8, http.RequestAborted);
    }

    internal static Task NotFoundAsync(HttpContext http, string what) =>
        HtmlAsync(http, Html.Page("Not found", AccessMiddleware.CallerOf(http), string.Empty, $"<h1>Not found</h1><p>{Html.E(what)}</p>"), StatusCodes.Status404NotFound);

    private static Task FleetAsync(HttpContext http, ServeContext context)
    {
        var query = http.Request.Query;
        return HtmlAsync(http, FleetPage.Render(
            context.Fleet.Current, context.Runs.Current, context.NextRun(), query["q"], query["show"], Caller(http), context.Time.GetUtcNow()));
    }

    private static async Task RunnersAsync(HttpContext http, ServeContext context)
    {
        IReadOnlyList<RunnerHeartbeat>? runners = null;
        string? problem = null;
        try
        {
            runners = context.Runners is { } beacon ? await beacon.RunnersAsync(http.RequestAborted).ConfigureAwait(false) : null;
        }
        catch (RepositoryException ex)
        {
            problem = ex.Message;
        }

        await HtmlAsync(http, RunnersPage.Render(
            runners, problem, context.Runners?.SilenceThreshold, context.Runners?.Identity.Name, Caller(http), context.Time.GetUtcNow())).ConfigureAwait(false);
    }

    private static async Task HealthAsync(HttpContext http, ServeContext context)
    {
        var state = context.Fleet.Current;
        var last = context.Runs.Store.List().FirstOrDefault(r => r.FinishedAt is not null);
        http.Response.ContentType = "application/json";
        using var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("status", state.Problem is null ? "ok" : "degraded");
            json.WriteBoolean("running", context.Runs.Current is not null);
            WriteTime(json, "nextRun", context.NextRun());
            WriteTime(json, "lastRunFinished", last?.FinishedAt);
            json.WriteNumber("servers", state.Servers.Count);
            if (state.Problem is not null)
            {
                json.WriteString("problem", state.Problem);
            }

            json.WriteEndObject();
        }

        // Degraded (the catalog cannot be read) is still alive: 200, so a restart loop does not hide the cause.
        await http.Response.Body.WriteAsync(buffer.ToArray(), http.RequestAborted).ConfigureAwait(false);
    }

    private static void WriteTime(Utf8JsonWriter json, string name, DateTimeOffset? time)
    {
        if (time is { } t)
        {
            json.WriteString(name, t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    internal static Task<T> WithRepositoryAsync<T>(ServeContext context, Func<BackupRepository, Task<T>> read, CancellationToken cancellationToken) =>
        context.Reader.ReadAsync(read, cancellationToken);
}
