using IloBackup.Emulator.BackupFile;
using IloBackup.Emulator.Configuration;
using IloBackup.Emulator.Ilo;

namespace IloBackup.Emulator.BackupRestore;

/// <summary>Restore: every check first (nothing changes on a refusal), then one atomic apply and a reset.</summary>
public sealed partial class BackupRestoreFeature
{
    private readonly Lock _restoreGate = new();
    private bool _applying;
    private DateTimeOffset _busyUntil;
    private ITimer? _pendingReset;

    /// <summary>True while a restore is being applied, or the iLO has still to reset (a reset deferred by the internal backup included), or is resetting, after one.</summary>
    public bool IsRestoreInProgress
    {
        get
        {
            lock (_restoreGate)
            {
                return _applying || _ilo.Time.GetUtcNow() < _busyUntil || !_ilo.IsReachable || DeferredResets > 0;
            }
        }
    }

    /// <summary>
    /// Checks a backup file for a restore on this iLO, reading it whole (every chunk authenticated)
    /// before answering. Throws <see cref="RestoreRefusedException"/>; never changes anything.
    /// </summary>
    /// <param name="file">The file, at its start (read once, front to back).</param>
    /// <param name="length">Its length in bytes.</param>
    /// <param name="password">The password given with it, if any.</param>
    /// <param name="fileName">The name it came under (event log only).</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    public async Task<RestorePlan> PrepareRestoreAsync(Stream file, long length, string? password, string fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (length == 0)
        {
            throw new RestoreRefusedException(RestoreRefusal.EmptyFile, "The backup file is empty.");
        }

        try
        {
            // The header is authenticated before any of its claims is believed (a tampered header
            // is Tampered, not "another server"); then origin, then every chunk of the payload.
            await using var reader = await BackupFileCodec.OpenAsync(file, password, leaveOpen: true, cancellationToken);
            CheckOrigin(reader.Header);
            var configuration = await ConfigurationPayload.ReadAsync(reader, cancellationToken);
            await reader.CopyToAsync(Stream.Null, cancellationToken);
            return Plan(reader, configuration, fileName);
        }
        catch (BackupFileException e)
        {
            throw new RestoreRefusedException(ReasonOf(e.Reason), e.Message, e);
        }
    }

    /// <summary><see cref="PrepareRestoreAsync"/> with synchronous reads (the automatic restore at boot, from a small NAND file).</summary>
    internal RestorePlan PrepareRestore(Stream file, string fileName)
    {
        try
        {
            using var reader = BackupFileCodec.Open(file, password: null, leaveOpen: true);
            CheckOrigin(reader.Header);
            var configuration = ConfigurationPayload.Read(reader);
            reader.CopyTo(Stream.Null);
            return Plan(reader, configuration, fileName);
        }
        catch (BackupFileException e)
        {
            throw new RestoreRefusedException(ReasonOf(e.Reason), e.Message, e);
        }
    }

    /// <summary>
    /// Applies a checked restore: the configuration is replaced in one atomic, durable write (a
    /// crash leaves the old or the new one), an event-log entry names the file, every session ends
    /// at once, and <see cref="BackupRestoreOptions.RestoreResetDelay"/> later the iLO resets
    /// (unreachable for the fleet's reset duration). Only configuration changes: security state,
    /// logs, AHS, power, UID and clock are state and stay as they are (§4).
    /// </summary>
    public void ApplyRestore(RestorePlan plan, string requestedBy)
    {
        ArgumentNullException.ThrowIfNull(plan);
        lock (_restoreGate)
        {
            if (_applying || _ilo.Time.GetUtcNow() < _busyUntil || !_ilo.IsReachable || DeferredResets > 0)
            {
                throw new RestoreRefusedException(RestoreRefusal.RestoreInProgress, "Another restore is being applied.");
            }

            _applying = true;
        }

        try
        {
            // One change: the configuration, its log entry and the end of every session, or none of it.
            _ilo.Change(c =>
            {
                c.Configuration = plan.Configuration;
                c.WriteObserver = Faults.RestoreStall.ObserverFor(_ilo);
                c.Log($"iLO configuration restored from backup file {Printable(plan.FileName)} (server {plan.Header.Origin.SerialNumber}, "
                    + $"created {plan.Header.CreatedAt:yyyy-MM-dd HH:mm} UTC, firmware {plan.Header.Origin.FirmwareVersion}) by {Printable(requestedBy)}.");
                c.EndAllSessions();
            });
            ScheduleReset();
        }
        finally
        {
            lock (_restoreGate)
            {
                _applying = false;
            }
        }
    }

    /// <summary>Writes the event-log entry of a refused restore (§3: every refusal is logged).</summary>
    public void LogRefusal(RestoreRefusedException refusal, string fileName, string requestedBy)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        _ilo.AppendEventLog($"Restore of backup file {Printable(fileName)} refused ({refusal.Reason}) for {Printable(requestedBy)}.", "Warning");
    }

    /// <summary>
    /// The reset follows the 200 after <see cref="BackupRestoreOptions.RestoreResetDelay"/>, so the
    /// answer reaches the client and a logout right after it finds its session gone (§2) rather than
    /// a dead socket; until the iLO is back, another restore is refused.
    /// </summary>
    private void ScheduleReset()
    {
        var delay = _options.RestoreResetDelay;
        lock (_restoreGate)
        {
            _busyUntil = _ilo.Time.GetUtcNow() + delay;
            _ilo.Quiesce(delay);
            _pendingReset?.Dispose();
            _pendingReset = null;
            if (delay > TimeSpan.Zero)
            {
                _pendingReset = _ilo.Time.CreateTimer(_ => RequestReset("configuration restored from a backup file"), null, delay, Timeout.InfiniteTimeSpan);
                return;
            }
        }

        RequestReset("configuration restored from a backup file");
    }

    internal static string Printable(string? text)
    {
        var clean = new string([.. (text ?? string.Empty).Take(80).Select(c => char.IsControl(c) ? '?' : c)]);
        return clean.Length == 0 ? "(unnamed)" : clean;
    }

    private static RestorePlan Plan(BackupFileReadStream reader, IloConfiguration? configuration, string fileName)
    {
        if (configuration is null || !reader.IsComplete)
        {
            throw new RestoreRefusedException(RestoreRefusal.Tampered, "The backup file does not hold a readable iLO configuration.");
        }

        if (configuration.FormatVersion > IloConfiguration.CurrentFormatVersion)
        {
            throw new RestoreRefusedException(RestoreRefusal.UnsupportedVersion, "The backup file holds a configuration of a newer format.");
        }

        return new RestorePlan(reader.Header, configuration, fileName);
    }

    private static RestoreRefusal ReasonOf(BackupFileRefusal reason) => reason switch
    {
        BackupFileRefusal.NotABackupFile => RestoreRefusal.NotABackupFile,
        BackupFileRefusal.Truncated => RestoreRefusal.Truncated,
        BackupFileRefusal.UnsupportedVersion => RestoreRefusal.UnsupportedVersion,
        BackupFileRefusal.PasswordRequired or BackupFileRefusal.WrongPassword => RestoreRefusal.InvalidPassword,
        _ => RestoreRefusal.Tampered,
    };

    /// <summary>
    /// The file must come from this server (serial number and product id; the iLO board does not
    /// matter, so a file from before a system board replacement is accepted), from this iLO
    /// generation, and from firmware no newer than the running one (our choice, §3).
    /// </summary>
    private void CheckOrigin(BackupFileHeader header)
    {
        var identity = _ilo.Identity;
        var origin = header.Origin;
        if (!string.Equals(origin.SerialNumber, identity.ServerSerial, StringComparison.Ordinal)
            || !string.Equals(origin.ProductId, identity.ProductId, StringComparison.Ordinal))
        {
            throw new RestoreRefusedException(RestoreRefusal.AnotherServer, "The backup file was made on another server.");
        }

        if (!string.Equals(header.PayloadType, ConfigurationPayload.PayloadType, StringComparison.Ordinal))
        {
            throw new RestoreRefusedException(RestoreRefusal.NotABackupFile, "The file does not hold an iLO configuration.");
        }

        if (origin.IloGeneration != identity.Generation)
        {
            throw new RestoreRefusedException(RestoreRefusal.AnotherGeneration, $"The backup file was made by iLO {origin.IloGeneration}; this is iLO {identity.Generation}.");
        }

        if (!IloFirmware.TryParse(origin.FirmwareVersion, out var fileFirmware))
        {
            throw new RestoreRefusedException(RestoreRefusal.NotABackupFile, "The backup file names no valid firmware version.");
        }

        if (fileFirmware > identity.Firmware)
        {
            throw new RestoreRefusedException(
                RestoreRefusal.NewerFirmware,
                $"The backup file was made by firmware {fileFirmware}, newer than this iLO's {identity.FirmwareVersion}.");
        }
    }
}
