using IloBackup.Emulator.Ilo;

namespace IloBackup.Emulator.BackupRestore;

/// <summary>
/// The always-present internal backup of iLO 5 from 3.16, iLO 6 from 1.71 and iLO 7 (HPE advisory
/// a00150678en_us; iLO 7 is our choice): after every configuration change the iLO makes its
/// internal backup, which takes <see cref="BackupRestoreOptions.InternalBackupDuration"/>, and logs
/// the two messages of the advisory. Reset requests made meanwhile (Manager.Reset, the reset that
/// ends a restore) wait until it completes. Physical events (battery failure, board replacement,
/// firmware flash) are not deferred <b>(our choice)</b>.
/// </summary>
public sealed partial class BackupRestoreFeature
{
    /// <summary>The iLO Event Log message when the internal backup starts (the advisory's words).</summary>
    public const string InternalBackupStartedMessage =
        "Backup operation is in progress. Power cycle or iLO reset requests shall be deferred until operation completes.";

    /// <summary>The iLO Event Log message when it ends.</summary>
    public const string InternalBackupCompletedMessage = "Backup operation completed.";

    private readonly Lock _internalGate = new();
    private readonly List<string> _deferredResets = [];
    private ITimer? _internalBackup;
    private bool _internalBackupAgain;

    /// <summary>Whether this firmware keeps the always-present internal backup (and defers resets while making it).</summary>
    public bool HasInternalBackup => IloGenerations.HasInternalBackup(_ilo.Identity.Generation, _ilo.Identity.Firmware);

    /// <summary>Whether the internal backup is being made now.</summary>
    public bool InternalBackupInProgress
    {
        get
        {
            lock (_internalGate)
            {
                return _internalBackup is not null;
            }
        }
    }

    /// <summary>How many reset requests wait for the internal backup.</summary>
    public int DeferredResets
    {
        get
        {
            lock (_internalGate)
            {
                return _deferredResets.Count;
            }
        }
    }

    /// <summary>
    /// A reset request: done at once, or, while the internal backup is being made, logged and
    /// done when it completes. Returns whether the reset happened now.
    /// </summary>
    public bool RequestReset(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        lock (_internalGate)
        {
            if (_internalBackup is not null)
            {
                _deferredResets.Add(reason);
                _ilo.AppendEventLog($"iLO reset ({reason}) deferred until the backup operation completes.");
                return false;
            }
        }

        _ilo.Reset(reason);
        return true;
    }

    /// <summary>Starts the internal backup (a configuration change does); one in progress picks the change up when it ends.</summary>
    public void StartInternalBackup()
    {
        var duration = _options.InternalBackupDuration;
        if (!HasInternalBackup || duration <= TimeSpan.Zero)
        {
            return;
        }

        lock (_internalGate)
        {
            if (_internalBackup is not null)
            {
                _internalBackupAgain = true;
                return;
            }

            _ilo.AppendEventLog(InternalBackupStartedMessage);
            _internalBackup = _ilo.Time.CreateTimer(_ => CompleteInternalBackup(), null, duration, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnConfigurationChanged(object? sender, EventArgs e) => StartInternalBackup();

    private void CompleteInternalBackup()
    {
        string[] resets;
        bool again;
        lock (_internalGate)
        {
            if (_internalBackup is null)
            {
                return;
            }

            _internalBackup.Dispose();
            _internalBackup = null;
            _ilo.AppendEventLog(InternalBackupCompletedMessage);
            resets = [.. _deferredResets];
            _deferredResets.Clear();
            again = _internalBackupAgain;
            _internalBackupAgain = false;
        }

        if (resets.Length > 0)
        {
            // The requests made meanwhile end in one reset.
            _ilo.Reset(string.Join("; ", resets.Distinct(StringComparer.Ordinal)));
        }

        if (again)
        {
            StartInternalBackup();
        }
    }
}
