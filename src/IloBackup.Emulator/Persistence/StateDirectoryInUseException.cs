namespace IloBackup.Emulator.Persistence;

/// <summary>Another emulator holds the state directory (see <see cref="StateDirectoryLock"/>).</summary>
public sealed class StateDirectoryInUseException : IOException
{
    public StateDirectoryInUseException()
    {
        Directory = string.Empty;
    }

    public StateDirectoryInUseException(string message)
        : base(message)
    {
        Directory = string.Empty;
    }

    public StateDirectoryInUseException(string message, Exception innerException)
        : base(message, innerException)
    {
        Directory = string.Empty;
    }

    public StateDirectoryInUseException(string directory, int? pid, string? since, Exception innerException)
        : base(Describe(directory, pid, since), innerException)
    {
        Directory = directory;
        Pid = pid;
    }

    /// <summary>The state directory, full path.</summary>
    public string Directory { get; }

    /// <summary>The process holding it, when it could be read.</summary>
    public int? Pid { get; }

    private static string Describe(string directory, int? pid, string? since) =>
        $"state directory {directory} is in use by another emulator "
        + (pid is { } p ? $"(PID {p}{(since is null ? "" : $", since {since}")})" : "(its PID could not be read)")
        + ": stop it, or give this one another --state-dir";
}
