using System.Globalization;
using IloBackup.Engine.Repository;
using IloBackup.Serve.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace IloBackup.Serve.Web;

/// <summary>A server's history and differences (viewers), and the download of a backup file (operators).</summary>
internal static class ServerRoutes
{
    public static async Task HistoryAsync(HttpContext http, ServeContext context)
    {
        var key = (string)http.Request.RouteValues["key"]!;
        var history = await HistoryOfAsync(context, key, http.RequestAborted).ConfigureAwait(false);
        if (history.Count == 0)
        {
            await Routes.NotFoundAsync(http, $"No backups of {key} in the catalog.").ConfigureAwait(false);
            return;
        }

        var state = context.Fleet.Current;
        var drift = context.Fleet.HasBaselines ? DriftPage.Section(state.Drift?.Find(key), state.DriftProblem ?? (state.Drift is null ? state.Problem : null)) : null;
        await Routes.HtmlAsync(http, ServerPage.Render(key, history, Routes.Caller(http), context.Time.GetUtcNow(), drift)).ConfigureAwait(false);
    }

    public static async Task DiffAsync(HttpContext http, ServeContext context)
    {
        var key = (string)http.Request.RouteValues["key"]!;
        var history = await HistoryOfAsync(context, key, http.RequestAborted).ConfigureAwait(false);
        var from = Find(history, http.Request.Query["from"]);
        var to = Find(history, http.Request.Query["to"]);
        if (from is null || to is null)
        {
            await Routes.NotFoundAsync(http, "Choose two good backups of this server to compare.").ConfigureAwait(false);
            return;
        }

        await Routes.HtmlAsync(http, ServerPage.RenderDiff(key, from, to, Routes.Caller(http))).ConfigureAwait(false);
    }

    public static async Task DownloadAsync(HttpContext http, ServeContext context)
    {
        var id = Convert.ToInt64(http.Request.RouteValues["id"], CultureInfo.InvariantCulture);
        // Tried again after a failure only while nothing has been answered.
        await context.Reader.ReadAsync(repository => DownloadAsync(http, repository, id), http.RequestAborted, mayRetry: () => !http.Response.HasStarted)
            .ConfigureAwait(false);
    }

    private static async Task<bool> DownloadAsync(HttpContext http, BackupRepository repository, long id)
    {
        var entry = await repository.GetAsync(id, http.RequestAborted).ConfigureAwait(false);
        if (entry is null || !entry.IsGood)
        {
            await Routes.NotFoundAsync(http, $"No backup file with id {id}.").ConfigureAwait(false);
            return false;
        }

        Stream file;
        try
        {
            file = await repository.OpenBackupAsync(entry, http.RequestAborted).ConfigureAwait(false);
        }
        catch (RepositoryException ex)
        {
            await Routes.NotFoundAsync(http, ex.Message).ConfigureAwait(false);
            return false;
        }

        await using (file.ConfigureAwait(false))
        {
            http.Response.ContentType = "application/octet-stream";
            http.Response.ContentLength = entry.Size;
            var name = new ContentDispositionHeaderValue("attachment");
            name.SetHttpFileName(entry.FileName ?? $"backup-{entry.Id}.bak");
            http.Response.Headers.ContentDisposition = name.ToString();
            await file.CopyToAsync(http.Response.Body, http.RequestAborted).ConfigureAwait(false);
        }

        return true;
    }

    private static BackupEntry? Find(IReadOnlyList<BackupEntry> history, string? id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? history.FirstOrDefault(e => e.Id == value && e.IsGood) : null;

    /// <summary>A serial number's entries, or (key <c>host:ADDRESS</c>) those of a host that never named its serial.</summary>
    private static Task<IReadOnlyList<BackupEntry>> HistoryOfAsync(ServeContext context, string key, CancellationToken cancellationToken)
    {
        if (!RepositoryLocation.HasCatalog(context.RepositoryDirectory))
        {
            return Task.FromResult<IReadOnlyList<BackupEntry>>([]);
        }

        var query = key.StartsWith("host:", StringComparison.Ordinal) ? new BackupQuery { Host = key[5..] } : new BackupQuery { Serial = key };
        return Routes.WithRepositoryAsync(context, r => r.Catalog.ListAsync(query, cancellationToken), cancellationToken);
    }
}
