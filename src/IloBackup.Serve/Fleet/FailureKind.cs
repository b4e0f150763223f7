namespace IloBackup.Serve.Fleet;

/// <summary>
/// A short, bounded label for a failure reason (the metric's <c>reason</c>): the catalog keeps the full sentence, the metric
/// needs few values. Read from the engine's and client's wording.
/// </summary>
public static class FailureKind
{
    public const string None = "none";

    private static readonly (string Kind, string[] Words)[] Kinds =
    [
        ("tls", ["certificate", "fingerprint", "TLS", "SSL"]),
        ("authentication", ["401", "password", "log in", "login", "credential", "Unauthorized"]),
        ("privilege", ["403", "privilege", "Forbidden"]),
        ("timeout", ["deadline", "timed out", "timeout", "no answer"]),
        ("unreachable", ["unreachable", "refused", "connect", "resolve", "No route", "reset"]),
        ("storage", ["repository", "disk", "catalog", "not recorded", "space"]),
        ("protocol", ["Redfish", "JSON", "unexpected", "HTTP"]),
    ];

    public static string Of(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return None;
        }

        foreach (var (kind, words) in Kinds)
        {
            if (words.Any(w => reason.Contains(w, StringComparison.OrdinalIgnoreCase)))
            {
                return kind;
            }
        }

        return "other";
    }
}
