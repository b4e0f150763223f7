namespace IloBackup.Emulator.Ilo;

/// <summary>The one transactional way to change an iLO: configuration, runtime state, sessions and logs together.</summary>
public sealed partial class VirtualIlo
{
    /// <summary>
    /// Stages a change with <paramref name="change"/> and commits all of it, or none: when the
    /// function throws (a refusal) nothing changes; then the new configuration and, if it changed,
    /// the new runtime state are persisted (a failure there undoes the configuration file and
    /// changes nothing else); only then do they take effect, the sessions end and the log entries
    /// appear, at once for every reader. Announcements (<see cref="ConfigurationReset"/>, then
    /// <see cref="ConfigurationChanged"/>) follow, outside the model's lock.
    /// </summary>
    public void Change(Action<IloChange> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        IloChange staged;
        bool configurationChanged;
        lock (_gate)
        {
            staged = new IloChange(this, _configuration, _state);
            change(staged);
            configurationChanged = !ReferenceEquals(staged.Configuration, _configuration);
            var stateChanged = !ReferenceEquals(staged.State, _state);
            var state = staged.State;
            foreach (var (message, severity, iml) in staged.Logs)
            {
                state = WithLog(state, message, severity, iml, out _);
            }

            Persist(staged, configurationChanged, stateChanged ? state : null);
            Volatile.Write(ref _configuration, staged.Configuration);
            Volatile.Write(ref _state, state);
            Interlocked.Increment(ref _version);
            if (!stateChanged && staged.Logs.Count > 0 && _store is not null)
            {
                Interlocked.Exchange(ref _stateDirty, 1);
            }

            if (staged.EndsAllSessions)
            {
                Sessions.Clear();
            }

            foreach (var session in staged.EndedSessions)
            {
                Sessions.Remove(session);
            }

            foreach (var account in staged.EndedAccounts)
            {
                Sessions.RemoveAccount(account);
            }
        }

        foreach (var announce in staged.Afterwards)
        {
            announce();
        }

        if (configurationChanged)
        {
            ConfigurationChanged?.Invoke(this, EventArgs.Empty);
        }
    }

    /// <summary>Writes what changed: the configuration durably first, then the state; if the state cannot be written, the old configuration is written back.</summary>
    private void Persist(IloChange staged, bool configurationChanged, IloRuntimeState? state)
    {
        if (_store is null)
        {
            return;
        }

        if (configurationChanged)
        {
            _store.SaveConfiguration(staged.Configuration, staged.WriteObserver);
        }

        if (state is null)
        {
            return;
        }

        try
        {
            _store.SaveState(state);
        }
        catch (Exception) when (configurationChanged)
        {
            // Best effort: the SRAM file goes back to what is still in effect. Should this write
            // fail too, the next start reads the newer file; the running iLO stays consistent.
            try
            {
                _store.SaveConfiguration(_configuration);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }

            throw;
        }
    }
}
