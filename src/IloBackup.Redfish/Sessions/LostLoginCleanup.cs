using System.Globalization;
using System.Text.Json.Nodes;
using IloBackup.Redfish.Errors;
using IloBackup.Redfish.Logging;

namespace IloBackup.Redfish.Sessions;

/// <summary>
/// Logs out the sessions that logins whose answers were lost may have left on the iLO. Such a
/// session is recognised, once a later login succeeds, by its user name and its login time
/// (<c>Oem.Hpe.LoginTime</c>, §2) falling in the window of a lost login, moved to the iLO's clock
/// by the offset seen on the new session. Sessions it cannot check or delete end at the iLO's
/// idle timeout.
/// </summary>
internal static class LostLoginCleanup
{
    /// <summary>Login times have whole seconds, and the two clocks are compared around two requests.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(2);

    /// <returns>How many sessions were logged out.</returns>
    public static async Task<int> RunAsync(
        RedfishSession session, string sessionsPath, IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)> windows,
        DateTimeOffset loggedInAt, CancellationToken cancellationToken)
    {
        if (session.SessionPath is not { } own)
        {
            return 0;
        }

        var mine = await session.GetAsync(own, cancellationToken).ConfigureAwait(false);
        if (LoginTime(mine) is not { } ownTime)
        {
            return 0; // not an iLO that shows login times: leave them to the idle timeout
        }

        var offset = ownTime - loggedInAt;
        var collection = await session.GetAsync(sessionsPath, cancellationToken).ConfigureAwait(false);
        var removed = 0;
        foreach (var member in collection["Members"] as JsonArray ?? [])
        {
            if (member?["@odata.id"] is not JsonValue idValue || !idValue.TryGetValue<string>(out var path) || SamePath(path, own))
            {
                continue;
            }

            JsonObject other;
            try
            {
                other = await session.GetAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (RedfishHttpException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                continue; // ended meanwhile
            }

            var user = other["UserName"] is JsonValue u && u.TryGetValue<string>(out var name) ? name : null;
            var isMine = other["Oem"]?["Hpe"]?["MySession"] is JsonValue m && m.TryGetValue<bool>(out var flag) && flag;
            if (isMine || !string.Equals(user, session.UserName, StringComparison.OrdinalIgnoreCase) || LoginTime(other) is not { } time)
            {
                continue;
            }

            if (windows.Any(w => time >= w.From + offset - Slack && time <= w.To + offset + Slack))
            {
                await session.DeleteAsync(path, cancellationToken).ConfigureAwait(false);
                removed++;
            }
        }

        return removed;
    }

    public static void Log(Microsoft.Extensions.Logging.ILogger logger, string host, int removed)
    {
        if (removed > 0)
        {
            RedfishLog.OrphanLoggedOut(logger, host, removed);
        }
    }

    private static DateTimeOffset? LoginTime(JsonObject session) =>
        session["Oem"]?["Hpe"]?["LoginTime"] is JsonValue v && v.TryGetValue<string>(out var text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : null;

    private static bool SamePath(string a, string b) =>
        string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
