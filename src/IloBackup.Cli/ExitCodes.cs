namespace IloBackup.Cli;

/// <summary>The documented process exit codes (README "Exit codes").</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;
    /// <summary>Fleet runs: some hosts succeeded, some failed.</summary>
    public const int Partial = 3;
    public const int Interrupted = 130;
}
