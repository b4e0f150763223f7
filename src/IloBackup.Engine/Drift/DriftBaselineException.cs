namespace IloBackup.Engine.Drift;

/// <summary>A baseline file that cannot be used: not valid, or naming a backup the repository cannot supply. The message names the file and line.</summary>
public sealed class DriftBaselineException : Exception
{
    public DriftBaselineException()
    {
    }

    public DriftBaselineException(string message)
        : base(message)
    {
    }

    public DriftBaselineException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DriftBaselineException(string source, int line, string problem)
        : base(line > 0 ? $"{source}:{line}: {problem}" : $"{source}: {problem}")
    {
        Line = line;
    }

    /// <summary>1-based line of the problem, or 0 when it concerns the whole file.</summary>
    public int Line { get; }
}
