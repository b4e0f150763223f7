namespace IloBackup.Engine.Snapshots;

/// <summary>One difference: a JSON path (<c>$.sections.accounts.Accounts.admin.RoleId</c>) and the values as JSON text.</summary>
public sealed record SnapshotDifference(string Path, SnapshotChange Change, string? Before, string? After)
{
    public override string ToString() => Change switch
    {
        SnapshotChange.Added => $"+ {Path}: {After}",
        SnapshotChange.Removed => $"- {Path}: {Before}",
        _ => $"~ {Path}: {Before} -> {After}",
    };
}
