namespace IloBackup.Engine.Repository;

/// <summary>
/// One server as the dashboard keys servers (<see cref="CatalogFleet"/>): by serial number, else (<c>host:ADDRESS</c>) by the host of
/// attempts that never named one.
/// </summary>
public sealed record CatalogFleetServer
{
    public required string Key { get; init; }

    /// <summary>Null for a <c>host:</c> key.</summary>
    public string? Serial => Key.StartsWith(CatalogFleet.HostKeyPrefix, StringComparison.Ordinal) ? null : Key;

    /// <summary>The host of the newest attempt.</summary>
    public string Host => LastAttempt.Host;

    public required BackupEntry LastAttempt { get; init; }

    /// <summary>The newest good backup as far as the catalog knows (<see cref="GoodBackup.IsCandidate"/>).</summary>
    public BackupEntry? LastGood { get; init; }

    /// <summary>The newest successful backup with a file is marked suspect.</summary>
    public bool Suspect { get; init; }

    /// <summary>The newest good backup was taken on older firmware than the server has since been seen running.</summary>
    public bool Stale { get; init; }

    public long Attempts { get; init; }
}
