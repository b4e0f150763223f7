using IloBackup.Redfish.Errors;
using IloBackup.Redfish.Sessions;

namespace IloBackup.Engine.Restore;

/// <summary>
/// Whether the iLO is making its always-present internal backup (iLO 5 3.16+, iLO 6 1.71+, iLO 7),
/// read from its Event Log: the newest of HPE's two messages ("Backup operation is in progress.
/// Power cycle or iLO reset requests shall be deferred…", "Backup operation completed.") is the
/// first. While it is, the iLO defers resets (HPE advisory a00150678en_us).
/// </summary>
public static class InternalBackupStatus
{
    private const int NewestEntries = 16;
    private const string InProgress = "Backup operation is in progress";
    private const string Completed = "Backup operation completed";

    /// <summary>
    /// Whether this iLO's firmware may keep the internal backup: iLO 5 from 3.16, iLO 6 from 1.71,
    /// iLO 7 and later; an unknown generation or firmware may (better one look too many).
    /// </summary>
    public static bool MayDefer(Identity.IloIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var generation = Identity.IloIdentityReader.GenerationNumber(identity.IloGeneration);
        var firmware = Fleet.FirmwareVersion.Parse(identity.FirmwareVersion);
        if (generation is null || firmware is null)
        {
            return true;
        }

        int[]? minimum = generation switch
        {
            5 => [3, 16],
            6 => [1, 71],
            < 5 => null,
            _ => [0],
        };
        return minimum is not null && Fleet.FirmwareVersion.Compare(firmware, minimum) >= 0;
    }

    /// <summary>True when the newest internal-backup message says it is in progress; false when not, or unknown.</summary>
    public static async Task<bool> IsInProgressAsync(RedfishSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        try
        {
            await foreach (var text in EventLogReader.NewestMessagesAsync(session, NewestEntries, cancellationToken).ConfigureAwait(false))
            {
                var message = text ?? string.Empty;
                if (message.StartsWith(InProgress, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }

                if (message.StartsWith(Completed, StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }

            return false;
        }
        catch (RedfishHttpException e) when (e is not RedfishAuthenticationException)
        {
            return false;
        }
    }
}
