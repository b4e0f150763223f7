using System.Net;

namespace IloBackup.Redfish.Errors;

/// <summary>
/// Base of the client's exception family. Messages never contain passwords, tokens or session
/// URIs; they name the host and, where the iLO answered, its status and Redfish messages.
/// </summary>
public class RedfishException : Exception
{
    public RedfishException()
    {
    }

    public RedfishException(string message)
        : base(message)
    {
    }

    public RedfishException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when the same idempotent request may succeed if tried again later.</summary>
    public bool IsTransient { get; init; }

    /// <summary>The HTTP status the iLO answered with, when it answered.</summary>
    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>The iLO's <c>@Message.ExtendedInfo</c>, empty when the body had none.</summary>
    public IReadOnlyList<RedfishMessage> ExtendedInfo { get; init; } = [];

    /// <summary>The delay the iLO asked for with <c>Retry-After</c>, if any.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>
    /// How many times the client itself tried the work that ended in this failure, when the failure is
    /// of a kind the client retries (per request, or the login's lost answers: docs/client.md
    /// "Retries"); 0 when the client leaves this kind to its caller. A failure with a count here has
    /// had its retries: a caller must not try again for the same reason.
    /// </summary>
    public int ClientAttempts { get; internal set; }

    /// <summary>The connection could not be opened: the iLO certainly did not see the request.</summary>
    internal bool ConnectFailed { get; init; }

    /// <summary>True when any ExtendedInfo entry has this message key (e.g. <c>PropertyNotWritable</c>).</summary>
    public bool HasMessage(string key) =>
        ExtendedInfo.Any(m => string.Equals(m.Key, key, StringComparison.OrdinalIgnoreCase));
}
