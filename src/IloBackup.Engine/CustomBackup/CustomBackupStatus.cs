using IloBackup.Engine.Identity;

namespace IloBackup.Engine.CustomBackup;

/// <summary>
/// The state of <c>CustomBackupandRestore</c> (§6). <see cref="Enabled"/> is null where the
/// firmware does not offer it; <see cref="Explanation"/> says why it cannot be used, when it cannot.
/// </summary>
public sealed record CustomBackupStatus(
    IloIdentity Identity,
    bool Supported,
    bool? Enabled,
    string? SecurityState,
    string? Explanation,
    IReadOnlyList<string> Notes)
{
    /// <summary>True when the security state forbids it (FIPS and higher).</summary>
    public bool BlockedBySecurityState => CustomBackupRules.IsBlockingSecurityState(SecurityState);
}
