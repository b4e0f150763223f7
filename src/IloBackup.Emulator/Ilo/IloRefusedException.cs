namespace IloBackup.Emulator.Ilo;

/// <summary>A model refused a change before anything changed; <see cref="Reason"/> says why. The message names no secret.</summary>
public sealed class IloRefusedException : Exception
{
    public IloRefusedException()
        : this(IloRefusal.LoginRefused)
    {
    }

    public IloRefusedException(string message)
        : base(message)
    {
        Args = [];
    }

    public IloRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Args = [];
    }

    public IloRefusedException(IloRefusal reason, params string[] args)
        : base($"refused: {reason}")
    {
        Reason = reason;
        Args = args ?? [];
    }

    public IloRefusal Reason { get; }

    /// <summary>What the refusal names (a user name, a state); see each <see cref="IloRefusal"/> value.</summary>
    public IReadOnlyList<string> Args { get; }
}
