namespace IloBackup.Emulator.Ilo;

/// <summary>One entry of the iLO Event Log or the Integrated Management Log.</summary>
/// <param name="Id">1, 2, 3... in order of creation.</param>
/// <param name="Created">iLO clock time.</param>
/// <param name="Severity"><c>OK</c>, <c>Warning</c> or <c>Critical</c>.</param>
/// <param name="Message">What happened. Never a password or token.</param>
public sealed record LogEntry(int Id, DateTimeOffset Created, string Severity, string Message);
