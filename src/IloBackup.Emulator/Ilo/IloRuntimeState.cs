namespace IloBackup.Emulator.Ilo;

/// <summary>
/// What is <em>not</em> configuration and never backed up or restored (§4): security state, the
/// iLO Event Log, the IML, Active Health System data, power state, UID LED, clock. Persisted
/// apart from the configuration (<c>state.json</c>, not the SRAM file).
/// </summary>
public sealed record IloRuntimeState
{
    /// <summary>Logs keep at most this many entries; older ones roll off, as on an iLO.</summary>
    public const int MaxLogEntries = 500;

    public IloSecurityState SecurityState { get; init; } = IloSecurityState.Production;

    /// <summary><c>On</c> or <c>Off</c>.</summary>
    public string PowerState { get; init; } = "On";

    /// <summary>UID LED: <c>Off</c>, <c>Lit</c> or <c>Blinking</c>.</summary>
    public string IndicatorLed { get; init; } = "Off";

    /// <summary>How far the iLO clock is from the host's (the clock is state, §4).</summary>
    public TimeSpan ClockOffset { get; init; }

    /// <summary>When Active Health System recording started; its data grows with time.</summary>
    public DateTimeOffset AhsStarted { get; init; }

    public IReadOnlyList<LogEntry> EventLog { get; init; } = [];
    public IReadOnlyList<LogEntry> Iml { get; init; } = [];
}
