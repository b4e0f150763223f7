using System.Globalization;
using System.Runtime.CompilerServices;
using IloBackup.Redfish.Discovery;
using IloBackup.Redfish.Json;
using IloBackup.Redfish.Sessions;

namespace IloBackup.Engine.Restore;

/// <summary>
/// The iLO Event Log's newest entries, as the iLO gives them (Manager → LogServices → IEL → Entries,
/// newest id first), read one by one so a caller stops as soon as it has its answer. Nothing when the
/// iLO links no Event Log. The messages are the iLO's untrusted text: a caller cleans what it shows.
/// </summary>
internal static class EventLogReader
{
    public static async IAsyncEnumerable<string?> NewestMessagesAsync(
        RedfishSession session, int count, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var manager = await session.GetAsync(await IloDiscovery.FindManagerAsync(session, cancellationToken).ConfigureAwait(false), cancellationToken)
            .ConfigureAwait(false);
        var services = RedfishJson.Link(manager, "LogServices");
        var eventLog = services is null
            ? null
            : RedfishJson.Members(await session.GetAsync(services, cancellationToken).ConfigureAwait(false))
                .FirstOrDefault(p => p.TrimEnd('/').EndsWith("/IEL", StringComparison.OrdinalIgnoreCase));
        var entriesPath = eventLog is null ? null : RedfishJson.Link(await session.GetAsync(eventLog, cancellationToken).ConfigureAwait(false), "Entries");
        if (entriesPath is null)
        {
            yield break;
        }

        var newest = RedfishJson.Members(await session.GetAsync(entriesPath, cancellationToken).ConfigureAwait(false))
            .OrderByDescending(p => long.TryParse(p.TrimEnd('/').Split('/')[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1)
            .Take(count);
        foreach (var path in newest)
        {
            yield return RedfishJson.String(await session.GetAsync(path, cancellationToken).ConfigureAwait(false), "Message");
        }
    }
}
