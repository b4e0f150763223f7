using IloBackup.Redfish.Credentials;

namespace IloBackup.Engine.Restore;

/// <summary>What to restore, and how long to wait for the iLO to come back.</summary>
public sealed record RestoreRequest
{
    /// <summary>The backup file (for <see cref="RestoreOperation.PlanAsync(RestoreRequest, CancellationToken)"/>; a restore source replaces it).</summary>
    public string? FilePath { get; init; }

    /// <summary>The password the file was protected with at backup time.</summary>
    public string? FilePassword { get; init; }

    /// <summary>Go ahead despite problems that can be overridden (another server's file, a file nothing is known about).</summary>
    public bool Force { get; init; }

    /// <summary>How long to wait for the iLO to reset and come back.</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How often to look whether the iLO is back.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the iLO may stay reachable, with the upload's session ended, before its reset is
    /// taken as one that happened between two looks.
    /// </summary>
    public TimeSpan ResetGrace { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for one look.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Credentials for the login after the restore: the restored user database may not hold the
    /// current ones. Null: the client's own credentials.
    /// </summary>
    public RedfishCredential? CredentialAfterRestore { get; init; }
}
