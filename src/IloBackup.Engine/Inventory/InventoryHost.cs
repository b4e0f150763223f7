using IloBackup.Engine.Secrets;

namespace IloBackup.Engine.Inventory;

/// <summary>
/// One iLO of an inventory, with the per-host settings already merged over the defaults.
/// <c>Address</c> is the address as written (the host's name in reports), <c>BaseUri</c> the scheme,
/// host and port to talk to (HTTPS on 443 unless told otherwise), <c>Line</c> where it is declared.
/// </summary>
public sealed record InventoryHost(
    string Address,
    Uri BaseUri,
    string? Serial,
    string? User,
    SecretSource? Password,
    string? Fingerprint,
    IReadOnlyList<string> Tags,
    int Line)
{
    /// <summary>The inventory file it comes from (as given), or null.</summary>
    public string? Source { get; init; }

    /// <summary>The line of <see cref="Fingerprint"/>: the host's own, or the defaults' when it comes from there.</summary>
    public int? FingerprintLine { get; init; }

    /// <summary>Where <see cref="Fingerprint"/> is written, for the changed-certificate error.</summary>
    public string PinnedIn => Source is null ? $"the inventory, line {FingerprintLine ?? Line}" : $"the inventory {Source}, line {FingerprintLine ?? Line}";

    /// <summary><c>host:port</c>, the key of the known-hosts file.</summary>
    public string Authority => $"{BaseUri.Host}:{BaseUri.Port}";
}
