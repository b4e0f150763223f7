using Microsoft.Extensions.Logging;

namespace IloBackup.Redfish.Logging;

/// <summary>
/// Every log line of the client. Arguments are host names, user names, redacted paths, numbers:
/// never a password, token, session key or session URI (tests check this).
/// </summary>
internal static partial class RedfishLog
{
    [LoggerMessage(EventId = RedfishLogEvents.Request, Level = LogLevel.Debug, Message = "{Host}: {Method} {Path} -> {Status} in {ElapsedMs} ms")]
    public static partial void Request(ILogger logger, string host, string method, string path, int status, long elapsedMs);

    [LoggerMessage(EventId = RedfishLogEvents.RequestFailed, Level = LogLevel.Debug, Message = "{Host}: {Method} {Path} failed: {Reason}")]
    public static partial void RequestFailed(ILogger logger, string host, string method, string path, string reason);

    [LoggerMessage(EventId = RedfishLogEvents.Retry, Level = LogLevel.Information, Message = "{Host}: retry {Attempt} in {DelayMs} ms after: {Reason}")]
    public static partial void Retry(ILogger logger, string host, int attempt, long delayMs, string reason);

    [LoggerMessage(EventId = RedfishLogEvents.RegistryRead, Level = LogLevel.Debug, Message = "{Host}: read {Count} message texts of registry {Registry}")]
    public static partial void RegistryRead(ILogger logger, string host, string registry, int count);

    [LoggerMessage(EventId = RedfishLogEvents.RegistryUnavailable, Level = LogLevel.Debug, Message = "{Host}: registry {Registry} not read, the client's own texts are used: {Reason}")]
    public static partial void RegistryUnavailable(ILogger logger, string host, string registry, string reason);

    [LoggerMessage(EventId = RedfishLogEvents.LoggedIn, Level = LogLevel.Information, Message = "{Host}: logged in as {User}")]
    public static partial void LoggedIn(ILogger logger, string host, string user);

    [LoggerMessage(EventId = RedfishLogEvents.LoggedOut, Level = LogLevel.Information, Message = "{Host}: logged out")]
    public static partial void LoggedOut(ILogger logger, string host);

    [LoggerMessage(EventId = RedfishLogEvents.LogoutFailed, Level = LogLevel.Warning, Message = "{Host}: logout failed (the session ends at its idle timeout): {Reason}")]
    public static partial void LogoutFailed(ILogger logger, string host, string reason);

    [LoggerMessage(EventId = RedfishLogEvents.SessionGone, Level = LogLevel.Information, Message = "{Host}: session already gone at logout (expected after a restore or reset)")]
    public static partial void SessionGone(ILogger logger, string host);

    [LoggerMessage(EventId = RedfishLogEvents.CertificatePinned, Level = LogLevel.Warning, Message = "{HostPort}: pinned new certificate {Fingerprint}")]
    public static partial void CertificatePinned(ILogger logger, string hostPort, string fingerprint);

    [LoggerMessage(EventId = RedfishLogEvents.Downloaded, Level = LogLevel.Information, Message = "{Host}: downloaded {Bytes} bytes to {File}")]
    public static partial void Downloaded(ILogger logger, string host, long bytes, string file);

    [LoggerMessage(EventId = RedfishLogEvents.Uploaded, Level = LogLevel.Information, Message = "{Host}: uploaded {Bytes} bytes to {Path} -> {Status}")]
    public static partial void Uploaded(ILogger logger, string host, long bytes, string path, int status);

    [LoggerMessage(EventId = RedfishLogEvents.LoginAnswerLost, Level = LogLevel.Warning, Message = "{Host}: the answer to a login was lost; the session it may have made will be logged out at the next login")]
    public static partial void LoginAnswerLost(ILogger logger, string host);

    [LoggerMessage(EventId = RedfishLogEvents.OrphanLoggedOut, Level = LogLevel.Information, Message = "{Host}: logged out {Count} session(s) left by lost login answers")]
    public static partial void OrphanLoggedOut(ILogger logger, string host, int count);

    [LoggerMessage(EventId = RedfishLogEvents.OrphanCleanupFailed, Level = LogLevel.Warning, Message = "{Host}: could not log out sessions left by lost login answers ({Reason}); the iLO ends them at its idle timeout")]
    public static partial void OrphanCleanupFailed(ILogger logger, string host, string reason);
}
