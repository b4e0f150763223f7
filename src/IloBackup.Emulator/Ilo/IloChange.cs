using IloBackup.Emulator.Configuration;

namespace IloBackup.Emulator.Ilo;

/// <summary>
/// One change of an iLO, staged and then committed as a whole by <see cref="VirtualIlo.Change"/>:
/// a new configuration, new runtime state, sessions to end, log entries, and what to announce
/// afterwards. Nothing is visible, persisted or ended until the change function returns; when it
/// throws (a refusal) or persisting fails, none of it happens.
/// </summary>
public sealed class IloChange
{
    private readonly List<(string Message, string Severity, bool Iml)> _logs = [];
    private readonly List<string> _endedAccounts = [];
    private readonly List<Sessions.IloSession> _endedSessions = [];
    private readonly List<Action> _afterwards = [];

    internal IloChange(VirtualIlo ilo, IloConfiguration configuration, IloRuntimeState state)
    {
        Ilo = ilo;
        Configuration = configuration;
        State = state;
    }

    /// <summary>The iLO being changed (read its identity and clock; change it only through this object).</summary>
    public VirtualIlo Ilo { get; }

    /// <summary>The configuration as it will be: starts as the current one.</summary>
    public IloConfiguration Configuration { get; set; }

    /// <summary>The runtime state as it will be (security state, power, LED): starts as the current one. Persisted durably when changed.</summary>
    public IloRuntimeState State { get; set; }

    internal bool EndsAllSessions { get; private set; }

    internal IReadOnlyList<string> EndedAccounts => _endedAccounts;

    internal IReadOnlyList<Sessions.IloSession> EndedSessions => _endedSessions;

    internal IReadOnlyList<(string Message, string Severity, bool Iml)> Logs => _logs;

    internal IReadOnlyList<Action> Afterwards => _afterwards;

    /// <summary>Told each point of the SRAM write (the restore apply's crash points); null for none.</summary>
    internal Action<Persistence.AtomicWritePoint>? WriteObserver { get; set; }

    /// <summary>Ends the sessions of an account at commit.</summary>
    public void EndSessionsOf(string accountId) => _endedAccounts.Add(accountId);

    /// <summary>Ends one session at commit.</summary>
    public void EndSession(Sessions.IloSession session) => _endedSessions.Add(session);

    /// <summary>Ends every session at commit.</summary>
    public void EndAllSessions() => EndsAllSessions = true;

    /// <summary>Adds an iLO Event Log entry at commit.</summary>
    public void Log(string message, string severity = "OK") => _logs.Add((message, severity, false));

    /// <summary>Adds an Integrated Management Log entry at commit.</summary>
    public void LogIml(string message, string severity = "OK") => _logs.Add((message, severity, true));

    /// <summary>The configuration goes back to factory defaults: every session ends, the log says why, <see cref="VirtualIlo.ConfigurationReset"/> fires after the commit.</summary>
    public void ResetConfigurationToFactoryDefaults(ConfigurationResetReason reason, string why)
    {
        EndAllSessions();
        Configuration = Ilo.CreateFactoryDefaults();
        Log($"iLO configuration reset to factory defaults: {why}.", "Warning");
        _afterwards.Add(() => Ilo.RaiseConfigurationReset(reason));
    }
}
