namespace IloBackup.Cli;

/// <summary>The documented process exit codes (README "Exit codes").</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;
    /// <summary>Fleet runs: some hosts succeeded, some failed.</summary>
    public const int Partial = 3;
    /// <summary>Fleet backup: nothing failed, but some new backups are suspect (an iLO looks reset to factory defaults or lost settings).</summary>
    public const int Suspect = 4;
    /// <summary>Findings (the same 4): suspect backups for fleet backup; for drift, a server that differs from its baseline or could not be checked.</summary>
    public const int Findings = 4;
    public const int Interrupted = 130;
}
