namespace IloBackup.Engine.Restore;

/// <summary>The iLO did not come back (or did not let us log in) before the deadline.</summary>
public sealed class IloDidNotReturnException : Exception
{
    public IloDidNotReturnException()
    {
    }

    public IloDidNotReturnException(string message)
        : base(message)
    {
    }

    public IloDidNotReturnException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
