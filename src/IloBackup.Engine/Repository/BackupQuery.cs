namespace IloBackup.Engine.Repository;

/// <summary>Which catalog entries to list (newest first).</summary>
public sealed record BackupQuery
{
    public string? Serial { get; init; }
    public string? Host { get; init; }
    public bool GoodOnly { get; init; }
    public int? Limit { get; init; }
}
