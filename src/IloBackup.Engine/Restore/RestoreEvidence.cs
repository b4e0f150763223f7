using System.Globalization;
using IloBackup.Redfish.Discovery;
using IloBackup.Redfish.Errors;
using IloBackup.Redfish.Json;
using IloBackup.Redfish.Sessions;

namespace IloBackup.Engine.Restore;

/// <summary>
/// Extra evidence of a restore: a recent iLO Event Log entry that mentions it. Its wording differs
/// between firmware versions, so its absence proves nothing and no error is raised for it.
/// </summary>
public static class RestoreEvidence
{
    private const int NewestEntries = 8;

    /// <summary>The message of the newest event-log entry about a restore, or null.</summary>
    public static async Task<string?> FindAsync(RedfishSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        try
        {
            var manager = await session.GetAsync(await IloDiscovery.FindManagerAsync(session, cancellationToken).ConfigureAwait(false), cancellationToken)
                .ConfigureAwait(false);
            var services = RedfishJson.Link(manager, "LogServices");
            if (services is null)
            {
                return null;
            }

            var eventLog = RedfishJson.Members(await session.GetAsync(services, cancellationToken).ConfigureAwait(false))
                .FirstOrDefault(p => p.TrimEnd('/').EndsWith("/IEL", StringComparison.OrdinalIgnoreCase));
            var entriesPath = eventLog is null ? null : RedfishJson.Link(await session.GetAsync(eventLog, cancellationToken).ConfigureAwait(false), "Entries");
            if (entriesPath is null)
            {
                return null;
            }

            var newest = RedfishJson.Members(await session.GetAsync(entriesPath, cancellationToken).ConfigureAwait(false))
                .OrderByDescending(p => long.TryParse(p.TrimEnd('/').Split('/')[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1)
                .Take(NewestEntries);
            foreach (var path in newest)
            {
                var message = UntrustedText.Clean(RedfishJson.String(await session.GetAsync(path, cancellationToken).ConfigureAwait(false), "Message"));
                if (message is not null && message.Contains("restor", StringComparison.OrdinalIgnoreCase)
                    && !message.Contains("refused", StringComparison.OrdinalIgnoreCase))
                {
                    return message;
                }
            }

            return null;
        }
        catch (RedfishHttpException e) when (e is not RedfishAuthenticationException)
        {
            return null;
        }
    }
}
