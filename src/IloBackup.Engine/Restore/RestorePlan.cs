using IloBackup.Engine.Identity;
using IloBackup.Engine.Metadata;

namespace IloBackup.Engine.Restore;

/// <summary>
/// The pre-flight of a restore: what the file is, what the target is, what is wrong, and what
/// will happen. Nothing has been changed on the iLO when a plan exists: the pre-flight never reads
/// the Backup and Restore service itself (that GET writes a backup file), so <see cref="HttpPushUri"/>
/// is null and is read right before the upload.
/// </summary>
public sealed record RestorePlan(
    RestoreRequest Request,
    string Host,
    BackupFileInfo File,
    IloIdentity Target,
    string ServicePath,
    string? HttpPushUri,
    IReadOnlyList<RestoreProblem> Problems,
    IReadOnlyList<string> Notes)
{
    /// <summary>True when the restore must not go ahead: a problem that cannot be forced, or any problem without <c>--force</c>.</summary>
    public bool IsBlocked => Problems.Any(p => !p.CanForce) || (!Request.Force && Problems.Count > 0);

    /// <summary>The same plan for a changed request (e.g. the file password, asked for once the file is known), checked again. No I/O.</summary>
    public RestorePlan WithRequest(RestoreRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (problems, notes) = RestoreChecks.Check(File, Target, request);
        return this with { Request = request, Problems = problems, Notes = notes };
    }

    /// <summary>What the user should expect, in words.</summary>
    public string ExpectedDowntime =>
        $"after the upload the iLO resets: every session ends and it is unreachable, typically for 1 to 3 minutes; "
        + $"this waits up to {Request.Deadline.TotalMinutes:0.#} min for it to come back";
}
