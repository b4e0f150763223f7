namespace IloBackup.Redfish.Http;

/// <summary>Which failures of a request may be retried.</summary>
internal enum RetryKind
{
    /// <summary>Never (a restore upload: the iLO may have started applying it).</summary>
    None,

    /// <summary>Only when the iLO certainly did not act on it: connection refused, 503, 429 (login, PATCH).</summary>
    NotProcessed,

    /// <summary>Any transient failure (GET and other idempotent requests).</summary>
    Idempotent,

    /// <summary>
    /// Any transient failure but a timeout: the first request to an iLO (its service root), where a
    /// silence means a port that accepts connections and never answers, not a busy iLO.
    /// </summary>
    IdempotentUnlessSilent,
}
