using Microsoft.Extensions.Logging;

namespace IloBackup.Engine.Logging;

/// <summary>The engine's log lines (event ids 2000-2099). Never a password, token or session URI.</summary>
internal static partial class EngineLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "{Host}: backup {File} ({Bytes} bytes, sha256 {Sha256})")]
    public static partial void BackedUp(ILogger logger, string host, string file, long bytes, string sha256);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "{Host}: backup kept without a snapshot: {Reason}")]
    public static partial void SnapshotFailed(ILogger logger, string host, string reason);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = "{Host}: restore of {File} uploaded; waiting for the iLO to reset")]
    public static partial void RestoreUploaded(ILogger logger, string host, string file);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Information, Message = "{Host}: {State} after {ElapsedSeconds} s")]
    public static partial void ResetState(ILogger logger, string host, string state, long elapsedSeconds);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Information, Message = "{Host}: restore verified: {Differences} snapshot differences")]
    public static partial void RestoreVerified(ILogger logger, string host, int differences);

    [LoggerMessage(EventId = 2020, Level = LogLevel.Information, Message = "{Host}: CustomBackupandRestore set to {Enabled}")]
    public static partial void CustomBackupSet(ILogger logger, string host, bool enabled);
}
