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
            await foreach (var text in EventLogReader.NewestMessagesAsync(session, NewestEntries, cancellationToken).ConfigureAwait(false))
            {
                var message = UntrustedText.Clean(text);
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
