namespace IloBackup.Redfish;

/// <summary>Timeouts and retries of a <see cref="RedfishClient"/>. Defaults suit a real iLO.</summary>
public sealed record RedfishClientOptions
{
    /// <summary>TCP connect timeout.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Time allowed for one JSON request, headers and body.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Time allowed for the service GET that creates a backup on the iLO's NAND (slow on a real
    /// iLO: the answer comes only once the file exists).
    /// </summary>
    public TimeSpan BackupCreationTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest wait for the next bytes of a download or for an upload's answer.</summary>
    public TimeSpan TransferIdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Time allowed for a logout; logout is best effort and must never hang a run.</summary>
    public TimeSpan LogoutTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of a transient failure of an idempotent request (0 disables retries).</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>First retry delay (exponential, with jitter) when the iLO sends no Retry-After.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest Retry-After honoured; a longer one is cut to this.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Connections kept to one iLO (iLOs serve few at once).</summary>
    public int MaxConnectionsPerServer { get; init; } = 4;

    /// <summary>The largest JSON body accepted, counted as the bytes arrive (chunked bodies too).</summary>
    public int MaxJsonBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>
    /// The largest backup file downloaded (real ones are about 15 KB), counted as the bytes arrive:
    /// a larger announced Content-Length is refused before reading, a longer body is cut off and nothing is saved.
    /// </summary>
    public long MaxBackupBytes { get; init; } = DefaultMaxBackupBytes;

    /// <summary>
    /// Time allowed for the first answer of an iLO, the service root (always the first request of a
    /// run): a port that accepts the connection and never answers fails after this, once, not
    /// after the longer <see cref="RequestTimeout"/> and its retries. The shorter of the two applies.
    /// </summary>
    public TimeSpan FirstAnswerTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>64 MiB.</summary>
    public const long DefaultMaxBackupBytes = 64L * 1024 * 1024;
}
