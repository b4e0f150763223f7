namespace IloBackup.Emulator.Redfish.Metadata;

/// <summary>
/// Endpoint metadata: the GET's rendered answer may be reused while the iLO's version and clock
/// second are unchanged (read by the answer-cache step; see <see cref="RedfishRoute.Cacheable"/>).
/// </summary>
public sealed class CacheableMetadata
{
    public static CacheableMetadata Instance { get; } = new();

    private CacheableMetadata()
    {
    }
}
