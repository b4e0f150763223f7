namespace IloBackup.Engine.Snapshots;

/// <summary>How a value differs between two snapshots.</summary>
public enum SnapshotChange
{
    Added,
    Removed,
    Changed,
}
